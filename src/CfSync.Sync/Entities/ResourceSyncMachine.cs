using CfSync.Core.Aggregation;
using CfSync.Core.Objects;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Sync.Applying;
using CfSync.Sync.Budget;
using CfSync.Sync.Orchestrations;

namespace CfSync.Sync.Entities;

/// <summary>
/// The entity's logic with no Durable Task types in it: every operation takes the state and the time and returns the
/// effects the entity must carry out. One instance serves every entity; it holds only options.
/// </summary>
public sealed partial class ResourceSyncMachine(SyncOptions options)
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

    /// <summary>Registrations applied in order, as if each came in its own signal; the debounce arms once for them all.</summary>
    public SyncEffects Register(ResourceSyncState state, string entityKey, IReadOnlyList<SourceRegistration> registrations, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        return registrations.Aggregate(new SyncEffects(), (effects, registration) => effects.Merge(Register(state, entityKey, registration, now)));
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
            if (debounce.DirtySince is null || state.InFlight is not null)
            {
                return effects; // nothing waits, or the flight's end arms the debounce again (AfterFlight)
            }

            if (signal.Token != debounce.Generation)
            {
                // Changes came after this flush was armed: wait out the quiet window from the latest one.
                ArmQuiet(debounce, Later(now, debounce.LastChangeAt!.Value + options.DebounceQuietWindow), effects);
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

        var flight = state.InFlight;
        var purpose = flight.Purpose;
        var driftBefore = state.Drift;
        state.InFlight = null;
        SettlePermit(entityKey, flight, outcome.CloudflareCalls, outcome.CallsEndedAt, effects);
        state.Attempts = outcome.Attempts;
        if (outcome.Succeeded)
        {
            state.LastError = null;
            state.ConsecutiveFailures = 0;
            state.NextRetryAt = null;
            if (outcome.Applied)
            {
                // A part held by someone else is not in Cloudflare: no hash is recorded, so the next sync tries again.
                state.LastAppliedHash = outcome.Conflicts.Count == 0 ? outcome.ConfigHash : null;
                state.LastSyncTime = outcome.CompletedAt;
                state.AppliedAs = outcome.AppliedAs;
            }

            MarkConflicts(state, outcome.Conflicts);
            Release(state, flight);
            if (purpose == ApplyPurpose.DriftCheck)
            {
                state.Drift = outcome.Drift;
                state.LastDriftCheckAt = now;
                if (outcome.Drift is not null)
                {
                    effects.Notice(new SyncNotice(SyncNoticeKind.DriftFound, outcome.InstanceId, outcome.Drift));
                }
            }
            else if (outcome.Applied)
            {
                state.Drift = null; // what was changed outside is overwritten by this apply
            }

            ScheduleDriftCheck(state, entityKey, now, effects);
            effects.Measure(new SyncMeasure(SyncMeasureKind.Succeeded, purpose, outcome.Applied, outcome.Applied ? outcome.CompletedAt - flight.ChangedSince : null));
        }
        else
        {
            HandBack(state, flight);
            effects.Measure(new SyncMeasure(SyncMeasureKind.Failed, purpose));
            state.LastError = outcome.Error;
            ScheduleRetry(state, outcome.InstanceId, now, effects);
        }

        state.SyncStatus = StatusAfterSync(state, outcome.Succeeded);
        // A drift check that found nothing, as the last one did, has nothing new to mirror.
        var quietCheck = purpose == ApplyPurpose.DriftCheck && outcome.Succeeded && outcome.Drift is null && driftBefore is null && outcome.Conflicts.Count == 0;
        if (!quietCheck)
        {
            mirror.Start(state, entityKey, now, effects);
        }

        AfterFlight(state, entityKey, now, effects);
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

    /// <summary>
    /// The armed drift check arrived: when a newer sync moved the check later it arms again for then; when due, a synced
    /// resource compares what Cloudflare holds with what was applied (otherwise its next successful sync arms a check).
    /// </summary>
    public SyncEffects CheckDrift(ResourceSyncState state, string entityKey, DriftSignal signal, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(signal);
        var effects = new SyncEffects();
        if (state.DriftCheckArmed)
        {
            state.DriftCheckArmed = false;
        }
        else if (state.DriftCheckDueAt is not null || signal.Token != state.SyncCount)
        {
            return effects; // a copy of the armed check, handled already; or one a newer sync superseded
        }

        if (state.DriftCheckDueAt is { } due && due > now)
        {
            ArmDriftCheck(state, due, effects);
        }
        else if (state is { SyncStatus: SyncStatus.Synced, InFlight: null })
        {
            StartSync(state, entityKey, force: false, now, effects, ApplyPurpose.DriftCheck);
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

        var flight = state.InFlight;
        SettlePermit(entityKey, flight, flight.PermitCost, null, effects); // what it spent, and when, is unknown: the estimate, from now
        state.InFlight = null;
        HandBack(state, flight);
        state.FollowUp = false;
        state.LastError = detail;
        effects.Notice(new SyncNotice(SyncNoticeKind.FlightRecovered, instanceId, detail));
        StartSync(state, entityKey, force: false, now, effects);
        return effects;
    }

    /// <summary>The status mirror's operations (see <see cref="StatusMirrorMachine"/>).</summary>
    public StatusMirrorMachine Mirror => mirror;

    // Checks are spread over a tenth of the interval by entity key, so resources synced together do not all read at once.
    // One check is armed at a time: a resource that syncs every minute would otherwise send a self-signal per sync, each
    // delivered an interval later to do nothing.
    private void ScheduleDriftCheck(ResourceSyncState state, string entityKey, DateTimeOffset now, SyncEffects effects)
    {
        var interval = options.DriftInterval;
        if (interval <= TimeSpan.Zero || (!HoldsApplied(state) && state.Desired is null))
        {
            return;
        }

        var spread = TimeSpan.FromTicks(interval.Ticks / 10 * (StableHash(entityKey) % 1000) / 1000);
        state.DriftCheckDueAt = now + interval + spread;
        if (!state.DriftCheckArmed)
        {
            ArmDriftCheck(state, state.DriftCheckDueAt.Value, effects);
        }
    }

    private static void ArmDriftCheck(ResourceSyncState state, DateTimeOffset at, SyncEffects effects)
    {
        state.DriftCheckArmed = true;
        effects.Schedule(nameof(CloudflareResourceEntity.CheckDrift), new DriftSignal(state.SyncCount), at);
    }

    // A sync that did not apply leaves its changes waiting: the next one carries them, from the oldest.
    private static void HandBack(ResourceSyncState state, Flight flight)
    {
        if (flight.ChangedSince is { } since && (state.ChangedSince is null || since < state.ChangedSince))
        {
            state.ChangedSince = since;
        }
    }

    // Cloudflare holds something this entity applied (a hash it confirmed, or an object it knows by id).
    private static bool HoldsApplied(ResourceSyncState state) => state.LastAppliedHash is not null || state.AppliedAs is not null;

    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    // Deletions recorded before this sync started are now in Cloudflare: their objects may let go of the finalizer.
    private static void Release(ResourceSyncState state, Flight flight)
    {
        foreach (var entry in state.Sources.Values.Where(e => e is { Deleted: true, ReleasedBy: 0 } && e.UpdatedAt <= flight.StartedAt))
        {
            entry.ReleasedBy = state.SyncCount;
        }
    }

    private static void MarkConflicts(ResourceSyncState state, IReadOnlyList<SourceConflict> conflicts)
    {
        foreach (var group in conflicts.GroupBy(c => c.SourceKey, StringComparer.Ordinal))
        {
            if (state.Sources.TryGetValue(group.Key, out var entry) && !entry.Deleted)
            {
                entry.Status = SourceStatus.Conflict;
                entry.Reasons = [.. entry.Reasons, .. group.Select(c => c.Reason).Where(r => !entry.Reasons.Contains(r))];
            }
        }
    }

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
            // A sender's clock ahead of ours counts as now; one behind makes the change look older, so it syncs sooner.
            Changed(state, entityKey, version.SentAt is { } sent && sent < now ? sent : now, now, effects);
        }

        return effects;
    }

    private static (object? Fragment, int Priority, DateTimeOffset? CreatedAt, bool Deleted, string Errors, string Warnings) Snapshot(SourceEntry entry) =>
        (entry.Fragment, entry.Priority, entry.CreatedAt, entry.Deleted, string.Join('\n', entry.TranslationErrors), string.Join('\n', entry.Warnings));

    // While a sync is on its way no flush is armed: a steady stream would otherwise cost a self-signal per quiet window
    // for nothing. A permit being waited for plans with what is current when granted; a flight in the air leaves the
    // change dirty, and its end arms the debounce (AfterFlight). The max wait counts from when the change was sent
    // (<paramref name="changedAt"/>); the quiet window from its arrival, since it is about what may still arrive. A
    // change the queues held past the max wait syncs at once: behind a busy engine every self-signal waits in the same
    // queues, so a debounce on arrival would add that wait again.
    private void Changed(ResourceSyncState state, string entityKey, DateTimeOffset changedAt, DateTimeOffset now, SyncEffects effects)
    {
        var debounce = state.Debounce;
        debounce.Generation++;
        debounce.LastChangeAt = now;
        if (state.ChangedSince is null || changedAt < state.ChangedSince)
        {
            state.ChangedSince = changedAt;
        }

        effects.Measure(new SyncMeasure(SyncMeasureKind.Changed));
        if (state.InFlight is null && JoinWaitingPermit(state, force: false, ApplyPurpose.Change))
        {
            return;
        }

        if (debounce.DirtySince is null || changedAt < debounce.DirtySince)
        {
            if (debounce.DirtySince is null)
            {
                debounce.Period++;
            }

            debounce.DirtySince = changedAt;
            if (state.InFlight is null)
            {
                if (changedAt + options.DebounceMaxWait <= now)
                {
                    StartSync(state, entityKey, force: false, now, effects);
                    return;
                }

                ArmMaxWait(debounce, changedAt + options.DebounceMaxWait, effects);
            }
        }

        if (state.InFlight is null)
        {
            ArmQuiet(debounce, now + options.DebounceQuietWindow, effects);
            state.SyncStatus = SyncStatus.Pending;
        }
        else
        {
            AskAhead(state, entityKey, now, effects);
        }
    }

    // Exactly one follow-up carries what changed in the air: at once when one was asked for (a trigger) or the max wait
    // ran out meanwhile, otherwise when the debounce's windows close, as if there had been no flight.
    private void AfterFlight(ResourceSyncState state, string entityKey, DateTimeOffset now, SyncEffects effects)
    {
        var debounce = state.Debounce;
        var maxWaitEnds = debounce.DirtySince + options.DebounceMaxWait;
        if (state.FollowUp || maxWaitEnds <= now)
        {
            state.FollowUp = false;
            StartSync(state, entityKey, force: false, now, effects);
        }
        else if (maxWaitEnds is { } at)
        {
            ArmMaxWait(debounce, at, effects);
            ArmQuiet(debounce, Later(now, debounce.LastChangeAt!.Value + options.DebounceQuietWindow), effects);
        }
    }

    private static void ArmMaxWait(DebounceState debounce, DateTimeOffset at, SyncEffects effects) =>
        effects.Schedule(nameof(CloudflareResourceEntity.Flush), new FlushSignal(FlushKind.MaxWait, debounce.Period), at);

    // One quiet flush at a time: a stale one re-arms from the last change when it arrives.
    private static void ArmQuiet(DebounceState debounce, DateTimeOffset at, SyncEffects effects)
    {
        if (!debounce.QuietFlushPending)
        {
            debounce.QuietFlushPending = true;
            effects.Schedule(nameof(CloudflareResourceEntity.Flush), new FlushSignal(FlushKind.Quiet, debounce.Generation), at);
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

    internal void StartSync(ResourceSyncState state, string entityKey, bool force, DateTimeOffset now, SyncEffects effects, ApplyPurpose purpose = ApplyPurpose.Change, PermitGrant? grant = null)
    {
        grant ??= TakeHeldGrant(state, entityKey, purpose, effects);
        if (grant is null && JoinWaitingPermit(state, force, purpose))
        {
            return;
        }

        var resource = state.Resource ??= ResourceEntityKey.Parse(entityKey);
        PruneTombstones(state, now);
        var plan = ResourcePlanner.Plan(resource.ResourceType, state.Sources.Values.Where(e => !e.Deleted).Select(e => e.Planned).ToList());
        foreach (var outcome in plan.Sources)
        {
            var entry = state.Sources[outcome.Source.Key];
            (entry.Status, entry.Reasons) = (outcome.Status, outcome.Reasons);
        }

        var aggregate = plan.Aggregate;
        // Once every source has left, the resource still lives where the last sync found it: what was applied there
        // can then be removed (or, for a tunnel, nothing more sent) instead of failing for want of an account.
        state.Scope = new ResourceScope(plan.Scope.AccountId ?? state.Scope.AccountId, plan.Scope.ZoneId ?? state.Scope.ZoneId);
        state.Desired = aggregate.Desired;
        state.ConfigHash = aggregate.ConfigHash;
        state.Debounce.DirtySince = null;

        var apply = aggregate.Desired is null
            ? HoldsApplied(state)
            : purpose == ApplyPurpose.DriftCheck || force || aggregate.ConfigHash != state.LastAppliedHash;
        if (apply && grant is null && options.AccountBudget.Enabled)
        {
            AskPermit(state, entityKey, force, purpose, now, effects);
            return;
        }

        if (!apply && grant is not null)
        {
            ReturnUnused(entityKey, grant, effects); // Cloudflare holds this aggregate already: no call to pay for
            grant = null;
        }

        // Changes a sync does not apply (Cloudflare holds their aggregate already) had nothing to wait for.
        var changedSince = apply ? state.ChangedSince : null;
        state.ChangedSince = null;
        var instanceId = $"{entityKey}:sync:{++state.SyncCount}";
        state.InFlight = new Flight(instanceId, now, now + options.SyncLease) { Purpose = purpose, Permit = grant?.RequestId ?? 0, PermitCost = grant?.Cost ?? 0, ChangedSince = changedSince };
        effects.Measure(new SyncMeasure(SyncMeasureKind.Started, purpose));
        state.SyncStatus = SyncStatus.Syncing;
        var request = new SyncRequest(entityKey, resource, state.Scope, aggregate.Desired, aggregate.ConfigHash, apply, options.RetrySchedule)
        {
            Context = ContextOf(state, plan, purpose),
        };
        effects.Start(nameof(SyncResourceOrchestration), instanceId, request);
        effects.Schedule(nameof(CloudflareResourceEntity.CheckFlight), new FlightCheck(instanceId, 0), state.InFlight.LeaseUntil);
    }

    // A 1:1 object's owner is its accepted source; its marker names it and its opt-in decides adoption.
    private ApplyContext ContextOf(ResourceSyncState state, ResourcePlan plan, ApplyPurpose purpose)
    {
        var owner = plan.Sources
            .Where(o => o.Status == SourceStatus.Accepted)
            .Select(o => state.Sources[o.Source.Key])
            .FirstOrDefault(e => e.Contribution?.Fragment is ObjectFragment);
        return new ApplyContext(
            state.AppliedAs,
            owner?.Source.Key,
            owner?.Fragment is ObjectFragment { Adopt: true },
            purpose,
            options.DriftPolicy == DriftPolicy.Repair);
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
