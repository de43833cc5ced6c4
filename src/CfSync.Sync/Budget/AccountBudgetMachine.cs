namespace CfSync.Sync.Budget;

/// <summary>What a budget operation asks its entity to do: send grants, and arm the next dispatch.</summary>
public sealed class BudgetEffects
{
    private readonly List<(string Resource, PermitGrant Grant)> grants = [];

    public IReadOnlyList<(string Resource, PermitGrant Grant)> Grants => grants;

    /// <summary>When to dispatch again (a <see cref="DispatchSignal"/> to itself); null: nothing to arm.</summary>
    public DateTimeOffset? DispatchAt { get; set; }

    public void Grant(string resource, PermitGrant grant) => grants.Add((resource, grant));
}

/// <summary>
/// The account budget's logic with no Durable Task types in it. Grants go first in, first out over the waiting
/// resources (one entry each, so they take turns) while the calls granted in the last <see cref="AccountBudgetOptions.Window"/>
/// stay within <see cref="AccountBudgetOptions.PermitLimit"/> and those in the last <see cref="AccountBudgetOptions.Slice"/>
/// within <see cref="AccountBudgetOptions.SliceLimit"/> (a cost above it goes alone into an empty slice); a head that
/// does not fit waits for capacity, so a large cost is never starved by small ones. Nothing waits on a lease: an
/// unsettled grant simply ages out of the window.
/// </summary>
public sealed class AccountBudgetMachine(AccountBudgetOptions options)
{
    private static readonly TimeSpan ClockAllowance = TimeSpan.FromSeconds(1);

    public BudgetEffects Request(AccountBudgetState state, PermitRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(request);
        var effects = new BudgetEffects();
        var granted = FindSpend(state, request.Resource, request.RequestId, now);
        if (granted >= 0)
        {
            if (!state.Spent[granted].Settled)
            {
                effects.Grant(request.Resource, new PermitGrant(request.RequestId, state.Spent[granted].Cost)); // lost, or crossed the ask
            }

            return effects;
        }

        var cost = Math.Clamp(request.Cost, 0, options.PermitLimit);
        var waiting = state.Waiting.FindIndex(w => w.Resource == request.Resource);
        if (waiting >= 0)
        {
            state.Waiting[waiting] = state.Waiting[waiting] with { RequestId = request.RequestId, Cost = cost };
        }
        else
        {
            state.Waiting.Add(new PermitWaiter(request.Resource, request.RequestId, cost, now));
        }

        Dispatch(state, now, effects);
        return effects;
    }

    public BudgetEffects Settle(AccountBudgetState state, PermitSettlement settlement, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(settlement);
        var effects = new BudgetEffects();
        var index = FindSpend(state, settlement.Resource, settlement.RequestId, now);
        if (index >= 0 && !state.Spent[index].Settled)
        {
            // The calls were made between the grant and when they ended: counting them from then keeps every window of
            // real calls within the limit, and frees their share a slice after the calls, not after the settlement's
            // trip back through the resource entity (behind a busy engine, tens of seconds of idle budget).
            var spend = state.Spent[index];
            state.Spent.RemoveAt(index);
            state.Spent.Add(spend with { At = SettledAt(spend.At, settlement.CallsEndedAt, now), Cost = Math.Max(0, settlement.Calls), Settled = true });
        }
        else if (index < 0 && settlement.Calls > 0)
        {
            // A sync that outlived its grant's window: its calls still count.
            state.Spent.Add(new PermitSpend(settlement.Resource, settlement.RequestId, now, settlement.Calls) { Settled = true });
        }

        Dispatch(state, now, effects);
        return effects;
    }

    // From the end of the calls (another worker's clock: a second later, for clocks a little apart), never before the
    // grant nor after now; from now when the end is unknown.
    private static DateTimeOffset SettledAt(DateTimeOffset granted, DateTimeOffset? callsEndedAt, DateTimeOffset now)
    {
        if (callsEndedAt is not { } ended)
        {
            return now;
        }

        var at = ended + ClockAllowance;
        return at < granted ? granted : at > now ? now : at;
    }

    /// <summary>Closes the gate until <paramref name="pause"/>'s time; a pause is never shortened.</summary>
    public BudgetEffects Pause(AccountBudgetState state, BudgetPause pause, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pause);
        if (state.PausedUntil is not { } until || pause.Until > until)
        {
            state.PausedUntil = pause.Until;
        }

        var effects = new BudgetEffects();
        Dispatch(state, now, effects);
        return effects;
    }

    public BudgetEffects Dispatch(AccountBudgetState state, DispatchSignal signal, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(signal);
        if (state.DispatchAt == signal.At)
        {
            state.DispatchAt = null;
        }

        var effects = new BudgetEffects();
        Expire(state, now);
        Dispatch(state, now, effects);
        return effects;
    }

    /// <summary>Calls granted in the window ending at <paramref name="now"/>.</summary>
    public int Used(AccountBudgetState state, DateTimeOffset now) => Used(state, now, options.Window);

    private static int Used(AccountBudgetState state, DateTimeOffset now, TimeSpan span)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Spent.Where(s => s.At + span > now).Sum(s => s.Cost);
    }

    // The calls that must leave a span before the head fits in it: none when it fits; all of them when only an empty
    // span can take it.
    private static int Excess(int used, int cost, int limit) => used + cost <= limit ? 0 : Math.Min(used, used + cost - limit);

    private void Dispatch(AccountBudgetState state, DateTimeOffset now, BudgetEffects effects)
    {
        if (state.PausedUntil is { } paused && paused <= now)
        {
            state.PausedUntil = null;
        }

        var used = Used(state, now, options.Window);
        var paced = Used(state, now, options.Slice);
        while (state.PausedUntil is null && state.Waiting.Count > 0
               && Excess(used, state.Waiting[0].Cost, options.PermitLimit) == 0 && Excess(paced, state.Waiting[0].Cost, options.SliceLimit) == 0)
        {
            var head = state.Waiting[0];
            state.Waiting.RemoveAt(0);
            state.Spent.Add(new PermitSpend(head.Resource, head.RequestId, now, head.Cost));
            used += head.Cost;
            paced += head.Cost;
            effects.Grant(head.Resource, new PermitGrant(head.RequestId, head.Cost));
        }

        if (state.Waiting.Count == 0)
        {
            return;
        }

        var cost = state.Waiting[0].Cost;
        var windowFrees = FreesAt(state, now, Excess(used, cost, options.PermitLimit), options.Window);
        var sliceFrees = FreesAt(state, now, Excess(paced, cost, options.SliceLimit), options.Slice);
        var at = state.PausedUntil ?? (windowFrees > sliceFrees ? windowFrees : sliceFrees);
        // One armed signal at a time: an earlier one still due recomputes when it fires.
        if (state.DispatchAt is { } armed && armed > now && armed <= at)
        {
            return;
        }

        state.DispatchAt = at;
        effects.DispatchAt = at;
    }

    // When enough of the oldest grants leave the span to free `needed` calls (now when none need to).
    private static DateTimeOffset FreesAt(AccountBudgetState state, DateTimeOffset now, int needed, TimeSpan span)
    {
        if (needed <= 0)
        {
            return now;
        }

        var freed = 0;
        foreach (var spend in state.Spent.Where(s => s.At + span > now).OrderBy(s => s.At))
        {
            freed += spend.Cost;
            if (freed >= needed)
            {
                return spend.At + span;
            }
        }

        return now; // unreachable: Excess never asks for more than the span holds
    }

    private void Expire(AccountBudgetState state, DateTimeOffset now) =>
        state.Spent.RemoveAll(s => s.At + options.Window <= now);

    // The grant of a request still in the window, or -1.
    private int FindSpend(AccountBudgetState state, string resource, long requestId, DateTimeOffset now)
    {
        Expire(state, now);
        return state.Spent.FindLastIndex(s => s.Resource == resource && s.RequestId == requestId);
    }
}
