using CfSync.Bridge.Health;
using CfSync.Bridge.Queueing;
using CfSync.Bridge.Watching;
using k8s;

namespace CfSync.Bridge.Leadership;

/// <summary>
/// The work of one leadership term, from a clean slate (nothing is carried over from an earlier term): a watch per
/// kind, the queue sender, and the resync. The first lists report every object (Resync); once every kind's first list
/// was tried, a sweep follows; then every <see cref="BridgeOptions.ResyncPeriod"/>, every known object is reported
/// again and another sweep follows. Cancelling the token (the Lease was lost) stops all of it; a part that fails
/// stops the rest and fails the term.
/// </summary>
internal sealed class LeaderTerm(IKubernetes client, QueueSender sender, BridgeOptions options, BridgeMetrics metrics, BridgeStatus status, TimeProvider time, ILoggerFactory loggers)
{
    public async Task RunAsync(IReadOnlyList<WatchedKind> kinds, CancellationToken cancellationToken)
    {
        var outbox = new ChangeOutbox(time, metrics);
        var resyncs = new ResyncTicks();
        var watchLogger = loggers.CreateLogger<KindWatch>();
        var watches = kinds.Select(kind => new KindWatch(kind, client, outbox, resyncs, options, metrics, status, time, watchLogger)).ToList();
        status.BeginTerm(outbox, kinds);

        // One part failing (a bug) ends the whole term, so that the replica gives up the Lease instead of leading
        // with a dead watch or sender.
        using var end = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            Task[] work =
            [
                .. watches.Select(w => w.RunAsync(end.Token)),
                sender.RunAsync(outbox, end.Token),
                ResyncAsync(watches, outbox, resyncs, end.Token),
            ];
            await Task.WhenAny(work).ConfigureAwait(false);
            await end.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(work).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The term ended.
        }
        finally
        {
            status.EndTerm();
        }
    }

    private async Task ResyncAsync(List<KindWatch> watches, ChangeOutbox outbox, ResyncTicks resyncs, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger<LeaderTerm>();
        await Task.WhenAll(watches.Select(w => w.FirstListTried)).WaitAsync(cancellationToken).ConfigureAwait(false);
        outbox.RequestSweep();
        while (true)
        {
            await Task.Delay(options.ResyncPeriod, time, cancellationToken).ConfigureAwait(false);
            var changes = 0;
            foreach (var watch in watches)
            {
                foreach (var change in watch.Known.Resync())
                {
                    outbox.Add(change);
                    changes++;
                }
            }

            outbox.RequestSweep();
            metrics.Resynced();
            resyncs.Tick();
            Log.Resynced(logger, changes);
        }
    }
}
