using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using CfSync.Watchers.Watching;
using Microsoft.Extensions.Options;

namespace CfSync.LocalHost;

/// <summary>
/// The local host's stand-in for the Functions queue trigger: receives change messages (invisible for
/// <see cref="ChangeListenerOptions.LeaseDuration"/>), hands the messages of one receive to the
/// <see cref="ChangeWatcher"/> side by side (as the trigger runs a batch in parallel), deletes each on success; on
/// failure it becomes visible again after <see cref="ChangeListenerOptions.VisibilityTimeout"/>, and after
/// <see cref="ChangeListenerOptions.MaxDequeueCount"/> attempts moves to <c>{queue}-poison</c> with the reason logged.
/// An idle queue is polled with a doubling interval; stopping the host ends the loop, leaving an unfinished message to
/// reappear.
/// </summary>
public sealed partial class ChangeQueueListener(
    ChangeQueues queues, ChangeWatcher watcher, ISourceSignals signals, IKnownSources sources, IOptions<ChangeListenerOptions> options,
    TimeProvider time, ILogger<ChangeQueueListener> logger) : BackgroundService
{
    private readonly ChangeListenerOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await queues.Changes.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
        await queues.Poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
        LogListening(logger, queues.Changes.Name);
        var idle = _options.MinPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage[] messages;
            try
            {
                messages = (await queues.Changes.ReceiveMessagesAsync(_options.BatchSize, _options.LeaseDuration, stoppingToken).ConfigureAwait(false)).Value;
            }
            catch (RequestFailedException unavailable)
            {
                // Storage is down or refusing: wait as for an idle queue, then try again.
                LogReceiveFailed(logger, queues.Changes.Name, unavailable.Status, unavailable.ErrorCode ?? unavailable.Message);
                messages = [];
            }

            if (messages.Length == 0)
            {
                await Task.Delay(idle, time, stoppingToken).ConfigureAwait(false);
                idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, _options.MaxPollingInterval.Ticks));
                continue;
            }

            idle = _options.MinPollingInterval;

            // One message at a time waited on every object read, finalizer write and signal in turn: about 20 changes/s
            // on 2 cores, 40 side by side (the intake benchmark at 100 Ingresses/s). The watcher is level-triggered,
            // so the order between messages never mattered.
            await Task.WhenAll(messages.Select(message => HandleAsync(message, stoppingToken))).ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            await watcher.HandleAsync(message.MessageText, signals, sources, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The Functions host's rule: every failure counts as an attempt; the last one goes to the poison queue.
            if (message.DequeueCount >= _options.MaxDequeueCount)
            {
                await queues.Poison.SendMessageAsync(message.Body, cancellationToken: stoppingToken).ConfigureAwait(false);
                await queues.Changes.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken).ConfigureAwait(false);
                LogPoisoned(logger, message.MessageId, message.DequeueCount, queues.Poison.Name, failure.GetType().Name, failure.Message);
            }
            else
            {
                await queues.Changes.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: _options.VisibilityTimeout, cancellationToken: stoppingToken).ConfigureAwait(false);
                LogRetrying(logger, message.MessageId, message.DequeueCount, _options.MaxDequeueCount, failure.GetType().Name, failure.Message);
            }

            return;
        }

        await queues.Changes.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Listening for changes on queue {Queue}")]
    private static partial void LogListening(ILogger logger, string queue);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Receiving from queue {Queue} failed ({Status}: {Error}); trying again")]
    private static partial void LogReceiveFailed(ILogger logger, string queue, int status, string error);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning,
        Message = "Change message {MessageId} failed (attempt {DequeueCount} of {MaxDequeueCount}), retried later: {ErrorType}: {Reason}")]
    private static partial void LogRetrying(ILogger logger, string messageId, long dequeueCount, int maxDequeueCount, string errorType, string reason);

    [LoggerMessage(EventId = 23, Level = LogLevel.Error,
        Message = "Change message {MessageId} failed {DequeueCount} times and was moved to {PoisonQueue}: {ErrorType}: {Reason}")]
    private static partial void LogPoisoned(ILogger logger, string messageId, long dequeueCount, string poisonQueue, string errorType, string reason);
}

/// <summary>The change queue and its poison queue, Base64-encoded as the Functions trigger reads them.</summary>
public sealed record ChangeQueues(QueueClient Changes, QueueClient Poison)
{
    public static ChangeQueues Create(string connectionString, string queue)
    {
        var encoding = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        return new(new QueueClient(connectionString, queue, encoding), new QueueClient(connectionString, $"{queue}-poison", encoding));
    }
}
