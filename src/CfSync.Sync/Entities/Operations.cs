using System.Text.Json.Serialization;
using CfSync.Core.Fragments;
using CfSync.Core.Resources;
using CfSync.Core.Sources;

namespace CfSync.Sync.Entities;

/// <summary>
/// Orders a source's updates. The entity applies an update only when its <see cref="Sequence"/> is greater than the
/// last one it applied for that source, deletes included, so a duplicate or late one changes nothing. The source's
/// entity sends its own increasing sequence (<see cref="Sources.SourceMachine"/>), never a resourceVersion;
/// <see cref="Uid"/> identifies the object's incarnation.
/// </summary>
public sealed record SourceVersion(string? Uid, long Sequence)
{
    /// <summary>
    /// When the source's entity sent the update (its clock; null from a sender that did not say). The debounce's max
    /// wait counts from it, so an update the queues held back does not wait the whole debounce again on arrival.
    /// </summary>
    public DateTimeOffset? SentAt { get; init; }
}

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

/// <summary>
/// A scheduled self-signal: compare what Cloudflare holds with what was applied. One is armed at a time
/// (<see cref="ResourceSyncState.DriftCheckArmed"/>); <see cref="Token"/>, the sync count when it was armed, orders the
/// checks armed before the entity's state recorded that (a check armed before a newer sync does nothing).
/// </summary>
public sealed record DriftSignal(long Token);
