using CfSync.Sync.Budget;

namespace CfSync.Sync.Tests.Budget;

public sealed class AccountBudgetMachineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    // Unpaced, so the window's own rules show; pacing has its tests below.
    private static readonly AccountBudgetOptions Options = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(5), PaceSlices = 1 };

    private readonly AccountBudgetMachine machine = new(Options);
    private readonly AccountBudgetState state = new();

    private BudgetEffects Ask(string resource, long request, int cost, double seconds = 0) =>
        machine.Request(state, new PermitRequest(resource, request, cost), T0.AddSeconds(seconds));

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void No_window_or_slice_ever_holds_more_than_its_limit_under_random_load(int slices)
    {
        var options = new AccountBudgetOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(5), PaceSlices = slices };
        var budget = new AccountBudgetMachine(options);
        var random = new Random(12);
        var granted = new List<(DateTimeOffset At, int Cost)>();
        var open = new List<(string Resource, long Request, int Cost, DateTimeOffset At)>();
        var now = T0;
        long requests = 0;
        for (var step = 0; step < 5_000; step++)
        {
            now += TimeSpan.FromSeconds(random.Next(0, 20));
            BudgetEffects effects;
            switch (random.Next(4))
            {
                case 0 or 1:
                    effects = budget.Request(state, new PermitRequest($"r{random.Next(30)}", ++requests, random.Next(1, 4)), now);
                    break;
                case 2 when open.Count > 0:
                    var (resource, request, cost, grantedAt) = open[random.Next(open.Count)];
                    open.RemoveAll(o => o.Resource == resource && o.Request == request);
                    var calls = random.Next(0, cost + 2);
                    // Half the settlements say when the calls ended (counted a second later), the rest count from now.
                    var counted = random.Next(2) == 0 && now - grantedAt >= TimeSpan.FromSeconds(1)
                        ? grantedAt + TimeSpan.FromSeconds(random.Next(0, (int)(now - grantedAt).TotalSeconds)) : now;
                    var ended = counted == now ? (DateTimeOffset?)null : counted - TimeSpan.FromSeconds(1);
                    effects = budget.Settle(state, new PermitSettlement(resource, request, calls) { CallsEndedAt = ended }, now);
                    granted.Add((grantedAt, -cost)); // the estimate is replaced by the calls made
                    granted.Add((counted, calls));
                    break;
                default:
                    effects = state.DispatchAt is { } at && at <= now ? budget.Dispatch(state, new DispatchSignal(at), now) : new BudgetEffects();
                    break;
            }

            foreach (var (resource, grant) in effects.Grants)
            {
                granted.Add((now, grant.Cost));
                open.Add((resource, grant.RequestId, grant.Cost, now));
                var inWindow = granted.Where(g => g.At > now - options.Window).Sum(g => g.Cost);
                Assert.True(inWindow <= options.PermitLimit, $"{inWindow} calls granted in the window ending {now:O}");
                var inSlice = granted.Where(g => g.At > now - options.Slice).Sum(g => g.Cost);
                Assert.True(inSlice <= options.SliceLimit || inSlice == grant.Cost, $"{inSlice} calls granted in the slice ending {now:O}");
            }
        }

        Assert.True(granted.Count(g => g.Cost > 0) > 500, "the load was served");
    }

    [Fact]
    public void Waiting_resources_take_turns_so_a_busy_one_cannot_starve_the_others()
    {
        var limited = new AccountBudgetMachine(new AccountBudgetOptions { PermitLimit = 1, Window = TimeSpan.FromSeconds(10) });
        var order = new List<string>();
        var now = T0;
        long request = 0;
        void Serve(BudgetEffects effects)
        {
            foreach (var (resource, _) in effects.Grants)
            {
                order.Add(resource);
                if (resource == "busy")
                {
                    Serve(limited.Request(state, new PermitRequest(resource, ++request, 1), now)); // it always has more
                }
            }
        }

        limited.Request(state, new PermitRequest("filler", ++request, 1), now); // the window is full: all three wait
        foreach (var resource in new[] { "busy", "a", "b" })
        {
            Serve(limited.Request(state, new PermitRequest(resource, ++request, 1), now));
        }

        while (order.Count < 7)
        {
            now = state.DispatchAt!.Value;
            Serve(limited.Dispatch(state, new DispatchSignal(now), now));
            if (order[^1] != "busy" && order.Count < 5)
            {
                Serve(limited.Request(state, new PermitRequest(order[^1], ++request, 1), now)); // a and b come back once
            }
        }

        Assert.Equal(["busy", "a", "b", "busy", "a", "b", "busy"], order);
    }

    [Fact]
    public void A_resource_asking_again_keeps_its_place_and_its_newest_request()
    {
        Ask("filler", 1, 10);
        Ask("a", 1, 2, 1);
        Ask("b", 1, 2, 2);
        Ask("a", 2, 3, 3);
        Assert.Equal(["a", "b"], state.Waiting.Select(w => w.Resource));
        Assert.Equal(2, state.Waiting[0].RequestId);
        var effects = machine.Dispatch(state, new DispatchSignal(state.DispatchAt!.Value), state.DispatchAt!.Value);
        Assert.Equal([("a", new PermitGrant(2, 3)), ("b", new PermitGrant(1, 2))], effects.Grants);
    }

    [Fact]
    public void An_unsettled_grant_is_sent_again_when_its_resource_asks_again_and_a_settled_one_is_not()
    {
        Assert.Single(Ask("a", 7, 2).Grants);
        Assert.Equal([("a", new PermitGrant(7, 2))], Ask("a", 7, 2, 20).Grants); // the first grant was lost
        Assert.Equal(2, machine.Used(state, T0.AddSeconds(20)));

        machine.Settle(state, new PermitSettlement("a", 7, 1), T0.AddSeconds(30));
        Assert.Empty(Ask("a", 7, 2, 40).Grants);
        Assert.Equal(1, machine.Used(state, T0.AddSeconds(40)));
    }

    [Fact]
    public void A_head_that_does_not_fit_arms_one_dispatch_for_when_enough_calls_leave_the_window()
    {
        Ask("a", 1, 6);
        Ask("b", 1, 3, 60);
        var effects = Ask("c", 1, 4, 120);
        Assert.Empty(effects.Grants);
        Assert.Equal(T0.AddMinutes(5), effects.DispatchAt); // a's 6 leave: 3 + 4 fit
        Assert.Null(Ask("d", 1, 1, 130).DispatchAt); // already armed
        Assert.Equal(["c", "d"], state.Waiting.Select(w => w.Resource)); // d fits but waits its turn

        var early = machine.Dispatch(state, new DispatchSignal(T0.AddMinutes(5)), T0.AddMinutes(5).AddMilliseconds(-100));
        Assert.Empty(early.Grants);
        Assert.Equal(T0.AddMinutes(5), early.DispatchAt); // armed again rather than lost

        var due = machine.Dispatch(state, new DispatchSignal(T0.AddMinutes(5)), T0.AddMinutes(5));
        Assert.Equal(["c", "d"], due.Grants.Select(g => g.Resource));
    }

    [Fact]
    public void Settled_calls_replace_the_estimate_and_count_from_the_settlement()
    {
        Ask("a", 1, 5);
        Ask("b", 1, 5);
        Assert.Empty(Ask("c", 1, 2, 1).Grants);
        var settled = machine.Settle(state, new PermitSettlement("a", 1, 0), T0.AddSeconds(2));
        Assert.Equal([("c", new PermitGrant(1, 2))], settled.Grants);

        machine.Settle(state, new PermitSettlement("b", 1, 8), T0.AddSeconds(100));
        Assert.Equal(10, machine.Used(state, T0.AddSeconds(100)));
        Assert.Equal(8, machine.Used(state, T0.AddSeconds(350))); // c's 2 granted at 2 s left; b's 8 count from 100 s
    }

    [Theory]
    [InlineData(5.0, 66.0)] // the calls ended 5 s after the grant: counted from 6 s, their slice share frees at 66 s
    [InlineData(-30.0, 60.0)] // an end before the grant (a clock behind): counted from the grant
    [InlineData(null, 100.0)] // unknown: counted from the settlement at 40 s
    public void Settled_calls_count_from_when_they_ended_a_second_later_not_from_the_settlement(double? endedAfter, double freesAt)
    {
        var paced = new AccountBudgetMachine(new AccountBudgetOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(5), PaceSlices = 5 });
        Assert.Single(paced.Request(state, new PermitRequest("a", 1, 2), T0).Grants);
        Assert.Empty(paced.Request(state, new PermitRequest("b", 1, 2), T0.AddSeconds(1)).Grants); // the slice holds 2

        Assert.Empty(paced.Settle(state, new PermitSettlement("a", 1, 2) { CallsEndedAt = endedAfter is { } e ? T0.AddSeconds(e) : null }, T0.AddSeconds(40)).Grants);

        // The armed dispatches fire in turn until b is granted.
        var grantedAt = T0;
        for (var effects = new BudgetEffects(); effects.Grants.Count == 0;)
        {
            grantedAt = state.DispatchAt!.Value;
            effects = paced.Dispatch(state, new DispatchSignal(grantedAt), grantedAt);
        }

        Assert.Equal(T0.AddSeconds(freesAt), grantedAt);
    }

    [Fact]
    public void Calls_said_to_end_after_the_settlement_count_from_the_settlement()
    {
        Ask("a", 1, 4);
        machine.Settle(state, new PermitSettlement("a", 1, 4) { CallsEndedAt = T0.AddSeconds(90) }, T0.AddSeconds(10)); // a clock ahead

        Assert.Equal(4, machine.Used(state, T0.AddSeconds(309)));
        Assert.Equal(0, machine.Used(state, T0.AddSeconds(310)));
    }

    [Fact]
    public void A_pause_holds_every_grant_until_it_ends_and_is_never_shortened()
    {
        machine.Pause(state, new BudgetPause(T0.AddSeconds(30)), T0);
        machine.Pause(state, new BudgetPause(T0.AddSeconds(10)), T0);
        var effects = Ask("a", 1, 1, 1);
        Assert.Empty(effects.Grants);
        Assert.Equal(T0.AddSeconds(30), effects.DispatchAt);

        Assert.Empty(machine.Dispatch(state, new DispatchSignal(T0.AddSeconds(30)), T0.AddSeconds(29.9)).Grants);
        Assert.Single(machine.Dispatch(state, new DispatchSignal(T0.AddSeconds(30)), T0.AddSeconds(30)).Grants);
        Assert.Null(state.PausedUntil);
    }

    [Fact]
    public void A_cost_above_the_limit_is_capped_so_it_is_granted_once_the_window_is_empty()
    {
        Ask("a", 1, 1);
        var effects = Ask("huge", 1, 50, 1);
        Assert.Empty(effects.Grants);
        Assert.Equal([("huge", new PermitGrant(1, 10))], machine.Dispatch(state, new DispatchSignal(effects.DispatchAt!.Value), effects.DispatchAt!.Value).Grants);
    }

    [Fact]
    public void Paced_grants_leave_the_rest_of_the_window_for_later_slices()
    {
        var paced = new AccountBudgetMachine(new AccountBudgetOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(5), PaceSlices = 5 });
        var effects = new[] { "a", "b", "c" }.Select(r => paced.Request(state, new PermitRequest(r, 1, 1), T0)).ToList();
        Assert.Equal(["a", "b"], effects.SelectMany(e => e.Grants).Select(g => g.Resource)); // 2 of the 10 per 1-minute slice
        Assert.Equal(T0.AddMinutes(1), effects[2].DispatchAt);

        Assert.Empty(paced.Dispatch(state, new DispatchSignal(T0.AddMinutes(1)), T0.AddSeconds(59)).Grants);
        Assert.Equal(["c"], paced.Dispatch(state, new DispatchSignal(T0.AddMinutes(1)), T0.AddMinutes(1)).Grants.Select(g => g.Resource));
    }

    [Fact]
    public void A_cost_above_the_slice_limit_goes_alone_into_an_empty_slice()
    {
        var paced = new AccountBudgetMachine(new AccountBudgetOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(5), PaceSlices = 5 });
        paced.Request(state, new PermitRequest("small", 1, 1), T0);
        var big = paced.Request(state, new PermitRequest("big", 1, 4), T0.AddSeconds(10));
        Assert.Empty(big.Grants);
        Assert.Equal(T0.AddMinutes(1), big.DispatchAt); // when the small one leaves the slice, not a window later
        Assert.Equal([("big", new PermitGrant(1, 4))], paced.Dispatch(state, new DispatchSignal(T0.AddMinutes(1)), T0.AddMinutes(1)).Grants);
    }

    [Fact]
    public void Options_refuse_an_empty_budget()
    {
        Assert.NotEmpty(new AccountBudgetOptions { PermitLimit = 0 }.Problems());
        Assert.NotEmpty(new AccountBudgetOptions { ReaskInterval = TimeSpan.Zero }.Problems());
        Assert.Contains("MaxReaskInterval", Assert.Single(new AccountBudgetOptions { MaxReaskInterval = TimeSpan.FromSeconds(10) }.Problems()), StringComparison.Ordinal);
        Assert.NotEmpty(new AccountBudgetOptions { PaceSlices = 0 }.Problems());
        Assert.Empty(new AccountBudgetOptions().Problems());
        Assert.Equal(960, new AccountBudgetOptions().PermitLimit);
        Assert.Equal((TimeSpan.FromMinutes(1), 192), (new AccountBudgetOptions().Slice, new AccountBudgetOptions().SliceLimit));
    }
}
