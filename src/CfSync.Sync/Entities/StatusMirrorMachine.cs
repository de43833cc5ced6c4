using CfSync.Core.Aggregation;
using CfSync.Sync.Orchestrations;
using CfSync.Sync.Status;

namespace CfSync.Sync.Entities;

/// <summary>
/// The status mirror's part of the entity: after each sync the latest outcome is written into Kubernetes by its own
/// orchestration, one at a time. A failed mirror is recorded in the state and written again later with a capped
/// backoff; a sync never waits for it.
/// </summary>
public sealed class StatusMirrorMachine(SyncOptions options)
{
    /// <summary>Mirrors the state's latest outcome now, or right after the mirror in flight.</summary>
    public void Start(ResourceSyncState state, string entityKey, DateTimeOffset now, SyncEffects effects)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(effects);
        var mirror = state.Mirror;
        if (mirror.InFlight is not null)
        {
            mirror.Pending = true;
            return;
        }

        mirror.Pending = false;
        mirror.NextRetryAt = null;
        var instanceId = $"{entityKey}:mirror:{++mirror.Count}";
        mirror.InFlight = new Flight(instanceId, now, now + options.MirrorLease);
        effects.Start(nameof(MirrorStatusOrchestration), instanceId, new MirrorRequest(entityKey, ReportOf(state)));
        effects.Schedule(nameof(CloudflareResourceEntity.CheckFlight), new FlightCheck(instanceId, 0), mirror.InFlight.LeaseUntil);
    }

    public SyncEffects Complete(ResourceSyncState state, string entityKey, MirrorOutcome outcome, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(outcome);
        var effects = new SyncEffects();
        var mirror = state.Mirror;
        if (mirror.InFlight?.InstanceId != outcome.InstanceId)
        {
            return effects;
        }

        mirror.InFlight = null;
        if (!outcome.Succeeded)
        {
            Failed(state, outcome.InstanceId, outcome.Error, now, effects);
            return effects;
        }

        mirror.LastMirroredAt = now;
        mirror.LastError = null;
        mirror.ConsecutiveFailures = 0;
        if (mirror.Pending)
        {
            Start(state, entityKey, now, effects);
        }

        return effects;
    }

    /// <summary>A failed mirror's retry came due: write the latest outcome unless a newer mirror already runs or ran.</summary>
    public SyncEffects Retry(ResourceSyncState state, string entityKey, RetrySignal signal, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(signal);
        var effects = new SyncEffects();
        if (state.Mirror is { InFlight: null, LastError: not null } && signal.Token == state.Mirror.Count)
        {
            Start(state, entityKey, now, effects);
        }

        return effects;
    }

    /// <summary>The mirror in flight will never report: count it as failed, so it is written again after the backoff.</summary>
    public SyncEffects Abandon(ResourceSyncState state, string instanceId, string detail, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var effects = new SyncEffects();
        if (state.Mirror.InFlight?.InstanceId == instanceId)
        {
            state.Mirror.InFlight = null;
            Failed(state, instanceId, detail, now, effects);
        }

        return effects;
    }

    /// <summary>What the entity knows of its last sync, as the status sink takes it.</summary>
    public SyncStatusReport ReportOf(ResourceSyncState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var live = state.Sources.Values.Where(e => !e.Deleted).ToList();
        return new SyncStatusReport(
            state.Resource!,
            state.Scope,
            state.Desired,
            state.ConfigHash,
            state.LastError is null ? SyncStatus.Synced : SyncStatus.Failed,
            state.LastError,
            state.Attempts,
            state.LastSyncTime,
            live.Select(e => new SourceOutcome(e.Source, e.Status, e.Reasons) { Warnings = e.Warnings }).ToList())
        {
            Contributions = live.Where(e => e.Contribution is not null).Select(e => e.Contribution!).ToList(),
            Drift = state.Drift,
            Released = state.Sources.Values.Where(e => e.Deleted && e.ReleasedBy == state.SyncCount).Select(e => e.Source).ToList(),
            DriftRepaired = options.DriftPolicy == DriftPolicy.Repair,
        };
    }

    private void Failed(ResourceSyncState state, string instanceId, string? error, DateTimeOffset now, SyncEffects effects)
    {
        var mirror = state.Mirror;
        mirror.ConsecutiveFailures++;
        mirror.LastError = error ?? "the status mirror failed without a message";
        mirror.Pending = false; // the retry writes the latest outcome anyway
        var at = now + Backoff.Delay(options.FirstMirrorRetryDelay, options.MaxMirrorRetryDelay, mirror.ConsecutiveFailures);
        mirror.NextRetryAt = at;
        effects.Schedule(nameof(CloudflareResourceEntity.RetryMirror), new RetrySignal(mirror.Count), at);
        effects.Notice(new SyncNotice(SyncNoticeKind.MirrorFailed, instanceId, mirror.LastError, at));
    }
}
