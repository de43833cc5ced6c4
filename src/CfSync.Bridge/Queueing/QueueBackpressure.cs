using Azure;
using Azure.Storage.Queues;
using CfSync.Bridge.Health;

namespace CfSync.Bridge.Queueing;

/// <summary>
/// Holds the sender back while the watchers are behind: while the change queue's oldest visible message has waited
/// <see cref="BridgeOptions.MaxQueueLag"/> or longer (by the queue service's clock), nothing more is written, and new
/// changes wait in the outbox, where a newer change of an object replaces the one before (a Kubernetes work queue keeps
/// a key once). The watchers read each object as it is now, so a backlog of one object's changes is work that yields
/// nothing: held in the outbox it costs nothing, and the queue's depth stays near what the watchers take in that time.
/// </summary>
internal sealed class QueueBackpressure(QueueClient queue, BridgeOptions options, BridgeMetrics metrics, TimeProvider time, ILogger<QueueBackpressure> logger)
{
    /// <summary>Returns once the queue's oldest visible message is younger than the bound (or none waits, or it cannot be read).</summary>
    public async Task WaitAsync(ChangeOutbox outbox, CancellationToken cancellationToken)
    {
        var holding = false;
        while (await OldestWaitAsync(cancellationToken).ConfigureAwait(false) is { } waited && waited >= options.MaxQueueLag)
        {
            if (!holding)
            {
                holding = true;
                metrics.HeldBack();
                Log.HoldingBack(logger, queue.Name, waited, outbox.Count);
            }

            // A quarter of the bound: the hold ends soon after the backlog does, at one peek per check.
            await Task.Delay(options.MaxQueueLag / 4, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<TimeSpan?> OldestWaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Both times are the queue service's own (its Date header), so neither this clock nor its skew matters.
            var peeked = await queue.PeekMessagesAsync(1, cancellationToken).ConfigureAwait(false);
            return peeked.Value is [{ InsertedOn: { } inserted }] && peeked.GetRawResponse().Headers.Date is { } now ? now - inserted : null;
        }
        catch (RequestFailedException)
        {
            // Not created yet, or storage unreachable: the write that follows finds out and retries with backoff.
            return null;
        }
    }
}
