using CfSync.Core.Aggregation;
using CfSync.Core.Fragments;
using CfSync.Core.Resources;
using CfSync.Sync.Entities;

namespace CfSync.Sync.Status;

/// <summary>What gets mirrored into CloudflareSyncState and onto the source objects after a sync.</summary>
public sealed record SyncStatusReport(
    ResourceIdentity Resource,
    ResourceScope Scope,
    string? DesiredJson,
    string? ConfigHash,
    SyncStatus Status,
    string? Error,
    int Attempts,
    DateTimeOffset? LastSyncTime,
    IReadOnlyList<SourceOutcome> Sources)
{
    /// <summary>What each live source contributed (shown as <c>spec.sources[].config</c> in CloudflareSyncState).</summary>
    public IReadOnlyList<SourceFragment> Contributions { get; init; } = [];
}

/// <summary>Where sync outcomes are mirrored. The Kubernetes edge writes CRD status; tests and local runs log.</summary>
public interface IStatusSink
{
    Task MirrorAsync(SyncStatusReport report, CancellationToken cancellationToken);
}
