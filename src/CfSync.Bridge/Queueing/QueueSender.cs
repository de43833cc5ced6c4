using Azure;
using Azure.Storage.Queues;
using CfSync.Bridge.Health;

namespace CfSync.Bridge.Queueing;

/// <summary>
/// Writes an outbox to the change queue: waits up to <see cref="BridgeOptions.Linger"/> for a message to fill (or
/// <see cref="BridgeOptions.MaxChangesPerMessage"/> changes), writes it, and only then lets its changes go. A failed
/// write (storage down, throttled, queue deleted) is retried with backoff after the storage client's own retries;
/// while the watchers are behind, <see cref="QueueBackpressure"/> holds the next write back;
/// nothing is dropped, and a change written twice is harmless (watchers are idempotent).
/// </summary>
internal sealed class QueueSender(QueueClient queue, QueueBackpressure backpressure, BridgeOptions options, BridgeMetrics metrics, TimeProvider time, ILogger<QueueSender> logger)
{
    public async Task RunAsync(ChangeOutbox outbox, CancellationToken cancellationToken)
    {
        var backoff = new Backoff(options.InitialBackoff, options.MaxBackoff);
        var queueReady = false;
        while (true)
        {
            await outbox.WaitAsync(cancellationToken).ConfigureAwait(false);
            await LingerAsync(outbox, cancellationToken).ConfigureAwait(false);
            await backpressure.WaitAsync(outbox, cancellationToken).ConfigureAwait(false);
            var (packed, message) = MessagePacking.Pack(outbox.Peek(options.MaxChangesPerMessage));
            if (packed.Changes.Count == 0 && !packed.Sweep)
            {
                continue;
            }

            try
            {
                if (!queueReady)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                    queueReady = true;
                    Log.QueueReady(logger, queue.Name);
                }

                // Losing the Lease cancels the token: a replica that no longer leads writes nothing more.
                cancellationToken.ThrowIfCancellationRequested();
                await queue.SendMessageAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested && error is RequestFailedException or HttpRequestException or IOException or TimeoutException or OperationCanceledException or AggregateException)
            {
                // A 404 means the queue was deleted under us: create it again before the next try.
                queueReady &= error is not RequestFailedException { Status: 404 };
                metrics.SendFailed();
                var delay = backoff.Next();
                if (logger.IsEnabled(LogLevel.Warning))
                {
                    Log.SendFailed(logger, queue.Name, Failures.Describe(error), outbox.Count, delay);
                }

                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            outbox.Complete(packed);
            metrics.MessageSent(packed.Changes.Count);
            Log.Sent(logger, packed.Changes.Count, packed.Sweep, queue.Name);
            backoff.Reset();
        }
    }

    // A message leaves when it is full or its oldest change has waited Linger, so that a burst shares messages.
    private async Task LingerAsync(ChangeOutbox outbox, CancellationToken cancellationToken)
    {
        if (outbox.Count >= options.MaxChangesPerMessage)
        {
            return;
        }

        var waited = time.GetUtcNow() - outbox.Peek(1).OldestSince;
        if (waited < options.Linger)
        {
            await Task.Delay(options.Linger - waited, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
