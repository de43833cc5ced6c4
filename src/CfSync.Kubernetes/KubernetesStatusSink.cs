using CfSync.Kubernetes.Sources;
using CfSync.Kubernetes.SyncStates;
using CfSync.Sync.Status;

namespace CfSync.Kubernetes;

/// <summary>Mirrors sync outcomes into CloudflareSyncState objects, then onto the source objects themselves.</summary>
public sealed class KubernetesStatusSink(SyncStateWriter syncStates, SourceStatusWriter sources) : IStatusSink
{
    public async Task MirrorAsync(SyncStatusReport report, CancellationToken cancellationToken)
    {
        await syncStates.MirrorAsync(report, cancellationToken).ConfigureAwait(false);
        await sources.MirrorAsync(report, cancellationToken).ConfigureAwait(false);
    }
}
