using System.Text.Json.Serialization;
using CfSync.Core.Fragments;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Core.Tunnels;

namespace CfSync.Sync.Entities;

/// <summary>
/// Orders a source's updates. Delivery is at-least-once and unordered, so the entity applies an update only when
/// its <see cref="Sequence"/> is greater than the last one it applied for that source, deletes included.
/// The producer uses the object's <c>metadata.resourceVersion</c> (the etcd revision: one counter for the whole
/// cluster, so a re-created object's versions are all greater than the deleted one's); other producers use any
/// increasing number. <see cref="Uid"/> identifies the object incarnation.
/// </summary>
public sealed record SourceVersion(string? Uid, long Sequence);

/// <summary>RegisterConfig: the source's whole contribution, replacing what it registered before.</summary>
public sealed record SourceRegistration(Source Source, SourceVersion Version, Fragment Fragment)
{
    public int? Priority { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public ResourceScope? Scope { get; init; }

    /// <summary>What the producer warned about (shown beside the source's reasons; never changes its status).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>The producer could not translate the source's object; the source shows these reasons and contributes nothing.</summary>
public sealed record SourceRejection(Source Source, SourceVersion Version, IReadOnlyList<string> Reasons)
{
    public ResourceScope? Scope { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>UnregisterConfig: the source's object is gone.</summary>
public sealed record SourceRemoval(Source Source, SourceVersion Version);

/// <summary>SetWarpRouting: changes only warp-routing in the source's tunnel settings.</summary>
public sealed record WarpRoutingUpdate(Source Source, SourceVersion Version, bool Enabled)
{
    /// <summary>The tunnel's account, when the caller knows it (the tunnel's own source does).</summary>
    public ResourceScope? Scope { get; init; }
}

/// <summary>SetFallbackTarget: changes only the fallback target in the source's tunnel settings (null = default).</summary>
public sealed record FallbackTargetUpdate(Source Source, SourceVersion Version, string? Target)
{
    public ResourceScope? Scope { get; init; }
}

/// <summary>RegisterIngressRules: the source's whole rule list.</summary>
public sealed record IngressRulesRegistration(Source Source, SourceVersion Version, IReadOnlyList<IngressRule> Rules)
{
    public DateTimeOffset? CreatedAt { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<FlushKind>))]
public enum FlushKind
{
    /// <summary>Armed by a change; fires a sync when no newer change arrived.</summary>
    Quiet,

    /// <summary>Armed when a dirty period starts; fires a sync even while changes keep coming.</summary>
    MaxWait,
}

/// <summary>A scheduled self-signal. <see cref="Token"/> is a generation (quiet) or a period (max wait).</summary>
public sealed record FlushSignal(FlushKind Kind, long Token);

/// <summary>TriggerSync: sync now. <see cref="Force"/> applies even when the hash equals the last applied one (repairs drift).</summary>
public sealed record SyncTrigger(bool Force = false);

/// <summary>A scheduled self-signal: the lease of flight <see cref="InstanceId"/> ran out. Only the check numbered <see cref="Checks"/> acts.</summary>
public sealed record FlightCheck(string InstanceId, int Checks);

/// <summary>A scheduled self-signal: try again what failed; <see cref="Token"/> is the count of the attempt that failed, so a stale retry does nothing.</summary>
public sealed record RetrySignal(long Token);
