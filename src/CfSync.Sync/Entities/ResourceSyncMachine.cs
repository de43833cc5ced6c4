using CfSync.Core.Aggregation;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Sync.Orchestrations;

namespace CfSync.Sync.Entities;

/// <summary>
/// The entity's logic with no Durable Task types in it: every operation takes the state and the time and returns the
/// effects the entity must carry out. One instance serves every entity; it holds only options.
/// </summary>
public sealed class ResourceSyncMachine(SyncOptions options)
{
    private readonly StatusMirrorMachine mirror = new(options);

    public SyncEffects Register(ResourceSyncState state, string entityKey, SourceRegistration registration, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(registration);
        return Update(state, entityKey, registration.Source, registration.Version, now, entry =>
        {
            entry.Fragment = registration.Fragment;
            entry.TranslationErrors = [];
            entry.Warnings = registration.Warnings;
            entry.Priority = registration.Priority ?? registration.Fragment.DefaultPriority;
            entry.CreatedAt = registration.CreatedAt ?? entry.CreatedAt;
            entry.Scope = registration.Scope ?? entry.Scope;
        });
    }

    public SyncEffects Reject(ResourceSyncState state, string entityKey, SourceRejection rejection, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        return Update(state, entityKey, rejection.Source, rejection.Version, now, entry =>
        {
            entry.Fragment = null;
            entry.TranslationErrors = rejection.Reasons;
            entry.Warnings = rejection.Warnings;
            entry.Scope = rejection.Scope ?? entry.Scope;
        });
    }

    public SyncEffects Unregister(ResourceSyncState state, string entityKey, SourceRemoval removal, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(removal);
        return Update(state, entityKey, removal.Source, removal.Version, now, entry =>
        {
            entry.Fragment = null;
            entry.TranslationErrors = [];
            entry.Deleted = true;
        });
    }

    public SyncEffects Flush(ResourceSyncState state, string entityKey, FlushSignal signal, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(signal);
        var effects = new SyncEffects();
        var debounce = state.Debounce;
        if (signal.Kind == FlushKind.Quiet)
        {
            debounce.QuietFlushPending = false;
            if (debounce.DirtySince is null)
            {
                return effects;
            }

            if (signal.Token != debounce.Generation)
            {
                // Changes came after this flush was armed: wait out the quiet window from the latest one.
                var at = Later(now, debounce.LastChangeAt!.Value + options.DebounceQuietWindow);
                debounce.QuietFlushPending = true;
                effects.Schedule(nameof(CloudflareResourceEntity.Flush), new FlushSignal(FlushKind.Quiet, debounce.Generation), at);
                return effects;
            }
        }
        else if (signal.Token != debounce.Period || debounce.DirtySince is null)
        {
            return effects;
        }

        StartOrFollowUp(state, entityKey, force: false, now, effects);
        return effects;
    }

    public SyncEffects Trigger(ResourceSyncState state, string entityKey, SyncTrigger trigger, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(trigger);
        var effects = new SyncEffects();
        StartOrFollowUp(state, entityKey, trigger.Force, now, effects);
        return effects;
    }

    public SyncEffects Complete(ResourceSyncState state, string entityKey, SyncOutcome outcome, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(outcome);
        var effects = new SyncEffects();
        if (state.InFlight?.InstanceId != outcome.InstanceId)
        {
            return effects; // a duplicate report, or one from a sync this entity no longer waits for
        }

        state.InFlight = null;
        state.Attempts = outcome.Attempts;
        if (outcome.Succeeded)
        {
            state.LastError = null;
            state.ConsecutiveFailures = 0;
            state.NextRetryAt = null;
            if (outcome.Applied)
            {
                state.LastAppliedHash = outcome.ConfigHash;
                state.LastSyncTime = outcome.CompletedAt;
            }
        }
        else
        {
            state.LastError = outcome.Error;
            ScheduleRetry(state, outcome.InstanceId, now, effects);
        }

        state.SyncStatus = StatusAfterSync(state, outcome.Succeeded);
        mirror.Start(state, entityKey, now, effects);
        if (state.FollowUp)
        {
            state.FollowUp = false;
            StartSync(state, entityKey, force: false, now, effects);
        }

        return effects;
    }

    /// <summary>A Failed resource's own retry came due: sync again unless something else already did.</summary>
    public SyncEffects RetrySync(ResourceSyncState state, string entityKey, RetrySignal signal, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(signal);
        var effects = new SyncEffects();
        if (state is { SyncStatus: SyncStatus.Failed, InFlight: null } && signal.Token == state.SyncCount)
        {
            StartSync(state, entityKey, force: false, now, effects);
        }

        return effects;
    }

    /// <summary>The sync in flight will never report (it failed, was terminated or is gone): forget it and sync again.</summary>
    public SyncEffects Abandon(ResourceSyncState state, string entityKey, string instanceId, string detail, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var effects = new SyncEffects();
        if (state.InFlight?.InstanceId != instanceId)
        {
            return effects;
        }

        state.InFlight = null;
        state.FollowUp = false;
        state.LastError = detail;
        effects.Notice(new SyncNotice(SyncNoticeKind.FlightRecovered, instanceId, detail));
        StartSync(state, entityKey, force: false, now, effects);
        return effects;
    }

    /// <summary>The status mirror's operations (see <see cref="StatusMirrorMachine"/>).</summary>
    public StatusMirrorMachine Mirror => mirror;

    private void ScheduleRetry(ResourceSyncState state, string instanceId, DateTimeOffset now, SyncEffects effects)
    {
        state.ConsecutiveFailures++;
        var at = now + Backoff.Delay(options.FirstFailedRetryDelay, options.MaxFailedRetryDelay, state.ConsecutiveFailures);
        state.NextRetryAt = at;
        effects.Schedule(nameof(CloudflareResourceEntity.RetrySync), new RetrySignal(state.SyncCount), at);
        effects.Notice(new SyncNotice(SyncNoticeKind.SyncFailed, instanceId, state.LastError, at));
    }

    // The ordering rule: an update applies only when its sequence is greater than the last applied for the
    // source (deletes included), so duplicates, stale updates and late updates of deleted objects are no-ops.
    private SyncEffects Update(ResourceSyncState state, string entityKey, Source source, SourceVersion version, DateTimeOffset now, Action<SourceEntry> apply)
    {
        ArgumentNullException.ThrowIfNull(state);
        var effects = new SyncEffects();
        state.Resource ??= ResourceEntityKey.Parse(entityKey);
        var existing = state.Sources.GetValueOrDefault(source.Key);
        if (existing is not null && version.Sequence <= existing.Sequence)
        {
            return effects;
        }

        var entry = existing ?? new SourceEntry { Source = source };
        var before = Snapshot(entry);
        entry.Deleted = false;
        apply(entry);
        entry.Uid = version.Uid ?? entry.Uid;
        entry.Sequence = version.Sequence;
        entry.UpdatedAt = now;
        state.Sources[source.Key] = entry;
        if (Snapshot(entry) != before)
        {
            Changed(state, now, effects);
        }

        return effects;
    }

    private static (object? Fragment, int Priority, DateTimeOffset? CreatedAt, bool Deleted, string Errors, string Warnings) Snapshot(SourceEntry entry) =>
        (entry.Fragment, entry.Priority, entry.CreatedAt, entry.Deleted, string.Join('\n', entry.TranslationErrors), string.Join('\n', entry.Warnings));

    private void Changed(ResourceSyncState state, DateTimeOffset now, SyncEffects effects)
    {
        var debounce = state.Debounce;
        debounce.Generation++;
        debounce.LastChangeAt = now;
        if (debounce.DirtySince is null)
        {
            debounce.DirtySince = now;
            debounce.Period++;
            effects.Schedule(nameof(CloudflareResourceEntity.Flush), new FlushSignal(FlushKind.MaxWait, debounce.Period), now + options.DebounceMaxWait);
        }

        if (!debounce.QuietFlushPending)
        {
            debounce.QuietFlushPending = true;
            effects.Schedule(nameof(CloudflareResourceEntity.Flush), new FlushSignal(FlushKind.Quiet, debounce.Generation), now + options.DebounceQuietWindow);
        }

        if (state.InFlight is null)
        {
            state.SyncStatus = SyncStatus.Pending;
        }
    }

    private void StartOrFollowUp(ResourceSyncState state, string entityKey, bool force, DateTimeOffset now, SyncEffects effects)
    {
        if (state.InFlight is not null)
        {
            state.FollowUp = true;
            return;
        }

        StartSync(state, entityKey, force, now, effects);
    }

    internal void StartSync(ResourceSyncState state, string entityKey, bool force, DateTimeOffset now, SyncEffects effects)
    {
        var resource = state.Resource ??= ResourceEntityKey.Parse(entityKey);
        PruneTombstones(state, now);
        var plan = ResourcePlanner.Plan(resource.ResourceType, state.Sources.Values.Where(e => !e.Deleted).Select(e => e.Planned).ToList());
        foreach (var outcome in plan.Sources)
        {
            var entry = state.Sources[outcome.Source.Key];
            (entry.Status, entry.Reasons) = (outcome.Status, outcome.Reasons);
        }

        var aggregate = plan.Aggregate;
        state.Scope = plan.Scope;
        state.Desired = aggregate.Desired;
        state.ConfigHash = aggregate.ConfigHash;
        state.Debounce.DirtySince = null;

        var apply = aggregate.Desired is not null && (force || aggregate.ConfigHash != state.LastAppliedHash);
        var instanceId = $"{entityKey}:sync:{++state.SyncCount}";
        state.InFlight = new Flight(instanceId, now, now + options.SyncLease);
        state.SyncStatus = SyncStatus.Syncing;
        effects.Start(nameof(SyncResourceOrchestration), instanceId, new SyncRequest(entityKey, resource, state.Scope, aggregate.Desired, aggregate.ConfigHash, apply, options.RetrySchedule));
        effects.Schedule(nameof(CloudflareResourceEntity.CheckFlight), new FlightCheck(instanceId, 0), state.InFlight.LeaseUntil);
    }

    private void PruneTombstones(ResourceSyncState state, DateTimeOffset now)
    {
        foreach (var key in state.Sources.Where(p => p.Value.Deleted && now - p.Value.UpdatedAt > options.TombstoneRetention).Select(p => p.Key).ToList())
        {
            state.Sources.Remove(key);
        }
    }

    private static SyncStatus StatusAfterSync(ResourceSyncState state, bool succeeded) =>
        state.Debounce.DirtySince is not null || state.FollowUp ? SyncStatus.Pending
        : succeeded ? SyncStatus.Synced
        : SyncStatus.Failed;

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
