using CfSync.Kubernetes.SyncStates;
using CfSync.Sync.Status;

namespace CfSync.Kubernetes;

/// <summary>Mirrors sync outcomes into CloudflareSyncState objects.</summary>
public sealed class KubernetesStatusSink(SyncStateWriter writer) : IStatusSink
{
    public Task MirrorAsync(SyncStatusReport report, CancellationToken cancellationToken) => writer.MirrorAsync(report, cancellationToken);
}
