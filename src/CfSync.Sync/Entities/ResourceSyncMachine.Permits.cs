using CfSync.Sync.Applying;
using CfSync.Sync.Budget;

namespace CfSync.Sync.Entities;

/// <summary>
/// The resource's side of the account budget. A sync that must call Cloudflare first asks for a permit and waits
/// (changes keep coalescing); the grant plans the sync with the aggregate current then. A change while a sync is in
/// flight asks ahead for the next sync's permit, so the follow-up does not wait for the budget's round trip after the
/// flight (behind a busy engine each leg waits in a control queue); a grant that comes before its sync is due is held
/// (<see cref="ResourceSyncState.HeldGrant"/>) and spent by that sync, which the debounce still times. Every other grant
/// is given back at once, and a waiting resource asks again (<see cref="AccountBudgetOptions.ReaskInterval"/>, backing
/// off to <see cref="AccountBudgetOptions.MaxReaskInterval"/>), so neither a lost grant nor a stale one can hold a
/// resource or the budget.
/// </summary>
public sealed partial class ResourceSyncMachine
{
    public SyncEffects PermitGranted(ResourceSyncState state, string entityKey, PermitGrant grant, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(grant);
        var effects = new SyncEffects();
        if (state.Permit is { } waiting && waiting.RequestId == grant.RequestId)
        {
            state.Permit = null;
            if (state.InFlight is not null || !SyncDue(state, now))
            {
                state.HeldGrant = grant;
            }
            else
            {
                StartSync(state, entityKey, waiting.Force, now, effects, waiting.Purpose, grant);
            }
        }
        else if (state.InFlight?.Permit != grant.RequestId && state.HeldGrant?.RequestId != grant.RequestId)
        {
            ReturnUnused(entityKey, grant, effects); // nothing waits for it any more (a grant sent again is ignored)
        }

        return effects;
    }

    /// <summary>The waiting request's re-ask came due: ask again (the budget keeps the resource's place).</summary>
    public SyncEffects ReaskPermit(ResourceSyncState state, string entityKey, PermitReask signal, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(signal);
        var effects = new SyncEffects();
        if (state.Permit is { } waiting && waiting.RequestId == signal.RequestId)
        {
            Ask(entityKey, waiting, now, effects);
        }

        return effects;
    }

    private void AskPermit(ResourceSyncState state, string entityKey, bool force, ApplyPurpose purpose, DateTimeOffset now, SyncEffects effects)
    {
        state.Permit = new PermitWait(++state.PermitCount, PermitCosts.Of(state.Resource!.ResourceType, purpose), now, force, purpose);
        state.SyncStatus = SyncStatus.Pending;
        Ask(entityKey, state.Permit, now, effects);
    }

    // The follow-up of the flight in the air will call Cloudflare: its permit is asked for now, once.
    private void AskAhead(ResourceSyncState state, string entityKey, DateTimeOffset now, SyncEffects effects)
    {
        if (options.AccountBudget.Enabled && state is { Permit: null, HeldGrant: null })
        {
            state.Permit = new PermitWait(++state.PermitCount, PermitCosts.Of(state.Resource!.ResourceType, ApplyPurpose.Change), now, Force: false, ApplyPurpose.Change);
            Ask(entityKey, state.Permit, now, effects);
        }
    }

    // A held grant pays for the next sync of a change; any other purpose asks for its own cost, and the grant goes back.
    private static PermitGrant? TakeHeldGrant(ResourceSyncState state, string entityKey, ApplyPurpose purpose, SyncEffects effects)
    {
        if (state.HeldGrant is not { } held)
        {
            return null;
        }

        state.HeldGrant = null;
        if (purpose == ApplyPurpose.Change)
        {
            return held;
        }

        ReturnUnused(entityKey, held, effects);
        return null;
    }

    // The debounce no longer holds the changes back: a follow-up was asked for, the max wait or the quiet window ran out,
    // or nothing is dirty (the changes joined the permit wait, which plans at the grant).
    private bool SyncDue(ResourceSyncState state, DateTimeOffset now) =>
        state.FollowUp
        || state.Debounce.DirtySince is not { } dirty
        || dirty + options.DebounceMaxWait <= now
        || state.Debounce.LastChangeAt + options.DebounceQuietWindow <= now;

    private void Ask(string entityKey, PermitWait waiting, DateTimeOffset now, SyncEffects effects)
    {
        effects.SignalBudget(nameof(AccountBudgetEntity.RequestPermit), new PermitRequest(entityKey, waiting.RequestId, waiting.Cost));
        effects.Schedule(nameof(CloudflareResourceEntity.ReaskPermit), new PermitReask(waiting.RequestId), now + ReaskDelay(waiting, now));
    }

    // After the first interval each re-ask waits as long as the wait has lasted: the delay doubles, up to the cap.
    private TimeSpan ReaskDelay(PermitWait waiting, DateTimeOffset now)
    {
        var budget = options.AccountBudget;
        return TimeSpan.FromTicks(Math.Clamp((now - waiting.Since).Ticks, budget.ReaskInterval.Ticks, budget.MaxReaskInterval.Ticks));
    }

    // A sync due while a permit is asked for joins it: the grant plans with what is current then.
    private static bool JoinWaitingPermit(ResourceSyncState state, bool force, ApplyPurpose purpose)
    {
        if (state.Permit is not { } waiting)
        {
            return false;
        }

        var joined = waiting.Purpose == ApplyPurpose.Change || purpose == ApplyPurpose.Change ? ApplyPurpose.Change : ApplyPurpose.DriftCheck;
        state.Permit = waiting with { Force = waiting.Force || force, Purpose = joined, Cost = PermitCosts.Of(state.Resource!.ResourceType, joined) };
        state.Debounce.DirtySince = null;
        return true;
    }

    private static void SettlePermit(string entityKey, Flight flight, int calls, DateTimeOffset? callsEndedAt, SyncEffects effects)
    {
        if (flight.Permit != 0)
        {
            effects.SignalBudget(nameof(AccountBudgetEntity.SettlePermit), new PermitSettlement(entityKey, flight.Permit, calls) { CallsEndedAt = callsEndedAt });
        }
    }

    private static void ReturnUnused(string entityKey, PermitGrant grant, SyncEffects effects) =>
        effects.SignalBudget(nameof(AccountBudgetEntity.SettlePermit), new PermitSettlement(entityKey, grant.RequestId, 0));
}
