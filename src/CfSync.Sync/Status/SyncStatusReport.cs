using CfSync.Core.Aggregation;
using CfSync.Core.Fragments;
using CfSync.Core.Hashing;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Sync.Entities;

namespace CfSync.Sync.Status;

/// <summary>What gets mirrored into CloudflareSyncState and onto the source objects after a sync.</summary>
public sealed record SyncStatusReport(
    ResourceIdentity Resource,
    ResourceScope Scope,
    DesiredBody? Desired,
    string? ConfigHash,
    SyncStatus Status,
    string? Error,
    int Attempts,
    DateTimeOffset? LastSyncTime,
    IReadOnlyList<SourceOutcome> Sources)
{
    /// <summary>What each live source contributed (shown as <c>spec.sources[].config</c> in CloudflareSyncState).</summary>
    public IReadOnlyList<SourceFragment> Contributions { get; init; } = [];

    /// <summary>What the last drift check found changed in Cloudflare outside CfSync; null when nothing was.</summary>
    public string? Drift { get; init; }

    /// <summary>Sources deleted in Kubernetes whose deletion the sync just carried to Cloudflare (see <c>KindDescription.DeletionWaitsForCloudflare</c>).</summary>
    public IReadOnlyList<Source> Released { get; init; } = [];

    /// <summary>Whether that change was overwritten with the aggregate (policy Repair) or only reported.</summary>
    public bool DriftRepaired { get; init; }
}

/// <summary>
/// Where sync outcomes are mirrored. The Kubernetes edge writes CRD status; tests and local runs log. A sink throws
/// only for what a later attempt may fix (the entity records it and mirrors again later); it honours cancellation,
/// which comes when <see cref="SyncOptions.MirrorTimeout"/> runs out.
/// </summary>
public interface IStatusSink
{
    Task MirrorAsync(SyncStatusReport report, CancellationToken cancellationToken);
}
