using CfSync.Kubernetes.Sources;
using CfSync.Kubernetes.SyncStates;
using CfSync.Sync.Status;
using Microsoft.Extensions.Logging;

namespace CfSync.Kubernetes;

/// <summary>
/// Mirrors sync outcomes into CloudflareSyncState objects, then onto the source objects themselves. Every write is
/// independent (<see cref="StatusWrites"/>): refused ones are logged and skipped, and when some failed for now a
/// <see cref="StatusMirrorException"/> is thrown after all others ran, so that the engine retries the mirror later.
/// </summary>
public sealed class KubernetesStatusSink(SyncStateWriter syncStates, SourceStatusWriter sources, ILogger<KubernetesStatusSink> logger) : IStatusSink
{
    public async Task MirrorAsync(SyncStatusReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var writes = new StatusWrites(logger, report.Resource);
        await syncStates.MirrorAsync(report, writes, cancellationToken).ConfigureAwait(false);
        await sources.MirrorAsync(report, writes, cancellationToken).ConfigureAwait(false);
        writes.ThrowIfAnyFailed();
    }
}
