using System.Diagnostics;
using Azure.Storage.Queues;

namespace CfSync.Comparison.Benchmarks;

/// <summary>
/// Whether the engine still has work queued: a visible message in the bridge's change queue or in one of the task
/// hub's queues (control partitions, work items). Peeking sees only visible messages, so the scheduled signals that
/// wait invisible (drift checks, debounce timers) do not count, and a poison queue's dead messages are left out.
/// The harness waits for it between scenario families, so none starts behind the last one's work.
/// </summary>
internal sealed class EngineBacklog(string storageConnection, string taskHub)
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private readonly QueueServiceClient service = new(storageConnection);

    /// <summary>Waits until two reads a second apart find nothing visible, or the timeout; true when drained.</summary>
    public async Task<bool> WaitDrainedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var emptyReads = 0;
        while (clock.Elapsed < timeout)
        {
            emptyReads = await AnyVisibleAsync(cancellationToken).ConfigureAwait(false) ? 0 : emptyReads + 1;
            if (emptyReads == 2)
            {
                return true;
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    private async Task<bool> AnyVisibleAsync(CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { ComparisonOptions.ChangeQueue };
        await foreach (var queue in service.GetQueuesAsync(prefix: $"{taskHub.ToLowerInvariant()}-", cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            names.Add(queue.Name);
        }

        foreach (var name in names.Where(n => !n.EndsWith("-poison", StringComparison.Ordinal)))
        {
            var peeked = await service.GetQueueClient(name).PeekMessagesAsync(1, cancellationToken).ConfigureAwait(false);
            if (peeked.Value.Length > 0)
            {
                return true;
            }
        }

        return false;
    }
}
