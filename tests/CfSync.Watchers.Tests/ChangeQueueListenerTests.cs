using Azure.Storage.Queues.Models;
using CfSync.LocalHost;
using CfSync.Testing;
using CfSync.Watchers.Changes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace CfSync.Watchers.Tests;

/// <summary>The local host's queue listener on Azurite, running the watcher against the test API server.</summary>
public sealed class ChangeQueueListenerTests : ClusterRig
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ChangeQueues _queues = ChangeQueues.Create(Azurite.ConnectionString, $"changes-{Guid.NewGuid():N}");
    private readonly FakeLogger<ChangeQueueListener> _log = new();

    [Fact]
    public async Task A_handled_message_is_deleted()
    {
        await ApplySamplesAsync();
        await using var listener = await StartAsync();

        await _queues.Changes.SendMessageAsync(ChangeMessages.Write(new ChangeBatch([Change("networking.k8s.io", "Ingress", "shop", "shop")])));

        await Eventually.AssertAsync(async () =>
        {
            Assert.Single(Signals.Applied);
            Assert.Equal(0, await CountAsync(_queues.Changes));
        }, Patience);
        Assert.Equal(0, await CountAsync(_queues.Poison));
    }

    [Fact]
    public async Task A_failing_message_is_retried_then_moved_to_poison_after_five_dequeues_with_the_reason_logged()
    {
        await using var listener = await StartAsync();

        await _queues.Changes.SendMessageAsync("not a change message");

        // Sent to the poison queue first, then deleted: never lost in between.
        await Eventually.AssertAsync(async () =>
        {
            Assert.Equal(1, await CountAsync(_queues.Poison));
            Assert.Equal(0, await CountAsync(_queues.Changes));
        }, Patience);
        PeekedMessage poisoned = (await _queues.Poison.PeekMessageAsync()).Value;
        Assert.Equal("not a change message", poisoned.MessageText);
        var records = _log.Collector.GetSnapshot();
        Assert.Equal(4, records.Count(r => r.Level == LogLevel.Warning && r.Message.Contains("retried later", StringComparison.Ordinal)));
        var moved = Assert.Single(records, r => r.Level == LogLevel.Error);
        Assert.Contains("failed 5 times", moved.Message, StringComparison.Ordinal);
        Assert.Contains($"{_queues.Changes.Name}-poison", moved.Message, StringComparison.Ordinal);
        Assert.Contains("FormatException: Not a change message", moved.Message, StringComparison.Ordinal);
        Assert.Empty(Signals.Sent);
    }

    public override async Task DisposeAsync()
    {
        await _queues.Changes.DeleteIfExistsAsync();
        await _queues.Poison.DeleteIfExistsAsync();
        await base.DisposeAsync();
    }

    private static async Task<int> CountAsync(Azure.Storage.Queues.QueueClient queue) =>
        (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

    private async Task<RunningListener> StartAsync()
    {
        var options = new ChangeListenerOptions
        {
            VisibilityTimeout = TimeSpan.Zero,
            MinPollingInterval = TimeSpan.FromMilliseconds(20),
            MaxPollingInterval = TimeSpan.FromMilliseconds(200),
        };
        Assert.True(new ChangeListenerOptionsValidator().Validate(null, options).Succeeded);
        // The bridge creates the queue it writes to; the listener creating it too must not get in the way.
        await _queues.Changes.CreateIfNotExistsAsync();
        var listener = new ChangeQueueListener(_queues, Watcher, Signals, new FixedSources(), Options.Create(options), TimeProvider.System, _log);
        await listener.StartAsync(CancellationToken.None);
        return new RunningListener(listener);
    }

    /// <summary>Stops the listener at the end of a test, and checks it stopped cleanly.</summary>
    private sealed class RunningListener(ChangeQueueListener listener) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await listener.StopAsync(CancellationToken.None);
            Assert.True(listener.ExecuteTask!.IsCompleted);
            Assert.False(listener.ExecuteTask.IsFaulted, listener.ExecuteTask.Exception?.ToString());
            listener.Dispose();
        }
    }
}
