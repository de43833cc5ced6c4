using System.Text.Json.Serialization;
using CfSync.Core.Aggregation;
using CfSync.Core.Fragments;
using CfSync.Core.Hashing;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Sync.Budget;

namespace CfSync.Sync.Entities;

/// <summary>Where a resource stands with Cloudflare.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SyncStatus>))]
public enum SyncStatus
{
    /// <summary>Changes are waiting for the debounce window or for the sync in flight.</summary>
    Pending,

    /// <summary>A sync orchestration is applying the aggregate.</summary>
    Syncing,

    /// <summary>Cloudflare holds the aggregate (its hash is <see cref="ResourceSyncState.LastAppliedHash"/>).</summary>
    Synced,

    /// <summary>
    /// The last sync failed permanently or ran out of attempts; see <see cref="ResourceSyncState.LastError"/>. It syncs
    /// again on its own at <see cref="ResourceSyncState.NextRetryAt"/>, and at once on any change.
    /// </summary>
    Failed,
}

/// <summary>
/// The state of one Cloudflare resource's entity, shaped to be read by a person in the Durable Functions Monitor:
/// every source with its fragment and outcome, the aggregate, hashes and the sync's progress. No secrets: fragments
/// and errors never carry tokens.
/// </summary>
public sealed class ResourceSyncState
{
    public ResourceIdentity? Resource { get; set; }

    public ResourceScope Scope { get; set; } = ResourceScope.None;

    /// <summary>By source key, in key order; deleted sources stay as tombstones for a while.</summary>
    [JsonConverter(typeof(SourceMapConverter))]
    public SortedDictionary<string, SourceEntry> Sources { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The aggregate computed at the last flush: the exact body sent to Cloudflare.</summary>
    public DesiredBody? Desired { get; set; }

    public string? ConfigHash { get; set; }

    public string? LastAppliedHash { get; set; }

    public DateTimeOffset? LastSyncTime { get; set; }

    /// <summary>What Cloudflare knows the applied object as (its id; for a tunnel's DNS records the zones holding them).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AppliedAs { get; set; }

    /// <summary>What the last drift check found changed in Cloudflare; null when it held what was applied.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Drift { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? LastDriftCheckAt { get; set; }

    /// <summary>When Cloudflare is next compared with what was applied: the last successful sync's time plus the drift interval.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? DriftCheckDueAt { get; set; }

    /// <summary>A drift check's self-signal is on its way: one at a time, re-armed on arrival when a newer sync moved <see cref="DriftCheckDueAt"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool DriftCheckArmed { get; set; }

    public SyncStatus SyncStatus { get; set; } = SyncStatus.Pending;

    public string? LastError { get; set; }

    /// <summary>Attempts the last sync took (1 when it succeeded first time).</summary>
    public int Attempts { get; set; }

    /// <summary>How many sync orchestrations this entity has started.</summary>
    public long SyncCount { get; set; }

    /// <summary>The sync orchestration applying the aggregate, if one runs.</summary>
    public Flight? InFlight { get; set; }

    /// <summary>A sync that must call Cloudflare waits for this permit of the account budget (asked ahead while one is in flight).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PermitWait? Permit { get; set; }

    /// <summary>
    /// A permit granted before its sync was due (asked for while the sync before was in flight): the next sync spends it,
    /// so it does not wait for the budget's round trip after the flight.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PermitGrant? HeldGrant { get; set; }

    /// <summary>How many permits this entity has asked for (their request ids count up).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long PermitCount { get; set; }

    /// <summary>When the oldest change not yet carried by a sync came; a failed sync hands it back.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ChangedSince { get; set; }

    /// <summary>A sync became due while one was in flight: exactly one more runs when it completes.</summary>
    public bool FollowUp { get; set; }

    /// <summary>Consecutive failed syncs; a Failed resource syncs again on its own at <see cref="NextRetryAt"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int ConsecutiveFailures { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? NextRetryAt { get; set; }

    /// <summary>How the outcome is mirrored into Kubernetes: separate from syncing, so a failing mirror never blocks a sync.</summary>
    public MirrorProgress Mirror { get; set; } = new();

    /// <summary>How many flight inspections this entity has started (their instance ids count up).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long InspectionCount { get; set; }

    public DebounceState Debounce { get; set; } = new();
}

/// <summary>One source's contribution and what became of it.</summary>
public sealed class SourceEntry
{
    public required Source Source { get; set; }

    /// <summary>The fragment, or null when the source is deleted or its object could not be translated.</summary>
    public Fragment? Fragment { get; set; }

    public int Priority { get; set; } = 100;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? CreatedAt { get; set; }

    public ResourceScope Scope { get; set; } = ResourceScope.None;

    /// <summary>The object's uid (Kubernetes never reuses one).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Uid { get; set; }

    /// <summary>The producer's sequence of the last update applied (see <see cref="SourceVersion"/>).</summary>
    public long Sequence { get; set; }

    /// <summary>True once the source was unregistered: kept so late updates cannot resurrect it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Deleted { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The sync (its count) that carried this source's deletion to Cloudflare; 0 while none has.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long ReleasedBy { get; set; }

    /// <summary>Why the producer could not translate the object (its fragment is then absent).</summary>
    public IReadOnlyList<string> TranslationErrors { get; set; } = [];

    public SourceStatus Status { get; set; } = SourceStatus.Accepted;

    public IReadOnlyList<string> Reasons { get; set; } = [];

    /// <summary>What the producer warned about: assumptions made, fields read but not applied.</summary>
    public IReadOnlyList<string> Warnings { get; set; } = [];

    /// <summary>The source as the planner takes it (see <see cref="ResourcePlanner"/>).</summary>
    [JsonIgnore]
    public PlannedSource Planned => new(Source, Contribution, Scope) { Errors = TranslationErrors, Warnings = Warnings };

    [JsonIgnore]
    public SourceFragment? Contribution =>
        Deleted || Fragment is null ? null : new SourceFragment(Source, Fragment) { Priority = Priority, CreatedAt = CreatedAt };
}

/// <summary>
/// An orchestration the entity waits for. Its outcome is due by <see cref="LeaseUntil"/>; past it the entity asks what
/// became of it. <see cref="Checks"/> counts the lease's checks, so only the latest scheduled check acts.
/// </summary>
public sealed record Flight(string InstanceId, DateTimeOffset StartedAt, DateTimeOffset LeaseUntil, int Checks = 0)
{
    /// <summary>Why the sync runs (a drift check's outcome is recorded as such).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public Applying.ApplyPurpose Purpose { get; init; }

    /// <summary>The budget permit the sync spends (its request id; 0 when it calls nothing) and the calls granted.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Permit { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int PermitCost { get; init; }

    /// <summary>When the oldest change this sync carries came (null when it carries none).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ChangedSince { get; init; }
}

/// <summary>
/// A permit asked for: when it is granted the sync is planned with the aggregate current then, with the strongest
/// <see cref="Force"/> and <see cref="Purpose"/> asked for while it waited.
/// </summary>
public sealed record PermitWait(long RequestId, int Cost, DateTimeOffset Since, bool Force, Applying.ApplyPurpose Purpose);

/// <summary>The status mirror's progress: one mirror orchestration at a time, failures recorded and retried later.</summary>
public sealed class MirrorProgress
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Flight? InFlight { get; set; }

    /// <summary>A newer outcome arrived while a mirror was in flight: it is mirrored next.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Pending { get; set; }

    /// <summary>How many mirror orchestrations this entity has started.</summary>
    public long Count { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? LastMirroredAt { get; set; }

    /// <summary>Why the last mirror failed; null once one succeeds.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LastError { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int ConsecutiveFailures { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? NextRetryAt { get; set; }
}

/// <summary>
/// Debounce bookkeeping. Scheduled flush signals may arrive early or late, so they are matched by token:
/// a quiet flush carries the change generation it was armed at, a max-wait flush the dirty period it belongs to.
/// </summary>
public sealed class DebounceState
{
    /// <summary>Bumped by every change that alters the aggregate's input.</summary>
    public long Generation { get; set; }

    /// <summary>Bumped each time a dirty period starts.</summary>
    public long Period { get; set; }

    /// <summary>When the current dirty period started; null when nothing waits to be synced.</summary>
    public DateTimeOffset? DirtySince { get; set; }

    public DateTimeOffset? LastChangeAt { get; set; }

    /// <summary>One quiet flush at a time is scheduled; it re-arms itself while changes keep coming.</summary>
    public bool QuietFlushPending { get; set; }
}
