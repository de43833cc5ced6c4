using CfSync.Core.Fragments;
using CfSync.Core.Sources;
using CfSync.Core.Tunnels;
using CfSync.Sync.Budget;
using CfSync.Sync.Entities;
using CfSync.Sync.Orchestrations;

namespace CfSync.Sync.Tests.Budget;

public sealed class ResourcePermitTests
{
    private const string Key = "TunnelConfiguration:tunnel-1";
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ResourceSyncMachine machine = new(new SyncOptions());
    private readonly ResourceSyncState state = new();
    private long sequence;

    private SyncEffects Register(string name, string host, double seconds = 0) =>
        machine.Register(state, Key, new SourceRegistration(new Source("Ingress", "default", name), new SourceVersion(name, ++sequence), new IngressRulesFragment([new IngressRule(host, null, "http://web:80")])), T0.AddSeconds(seconds));

    private SyncEffects Trigger(double seconds, bool force = false) => machine.Trigger(state, Key, new SyncTrigger(force), T0.AddSeconds(seconds));

    private SyncEffects Grant(long requestId, double seconds) => machine.PermitGranted(state, Key, new PermitGrant(requestId, 1), T0.AddSeconds(seconds));

    // a's sync in flight on grant 1, then b changed during it, at second 3 (asking ahead for permit 2).
    private (string Instance, SyncRequest Request, SyncEffects During) FlightWithChangeAhead()
    {
        Register("a", "a.example.com");
        Trigger(1);
        var (instance, request) = Grant(1, 2).Sync!.Value;
        return (instance, request, Register("b", "b.example.com", 3));
    }

    private SyncEffects Complete(string instance, SyncRequest request, double seconds) =>
        machine.Complete(state, Key, new SyncOutcome(instance, true, true, request.ConfigHash, null, 1, T0.AddSeconds(seconds)) { CloudflareCalls = 1 }, T0.AddSeconds(seconds));

    private static PermitRequest Asked(SyncEffects effects) => (PermitRequest)Assert.Single(effects.BudgetSignals, s => s.Operation == nameof(AccountBudgetEntity.RequestPermit)).Input;

    private static PermitSettlement Settled(SyncEffects effects) => (PermitSettlement)Assert.Single(effects.BudgetSignals, s => s.Operation == nameof(AccountBudgetEntity.SettlePermit)).Input;

    [Fact]
    public void A_due_sync_asks_for_a_permit_and_asks_again_soon_instead_of_starting()
    {
        Register("a", "a.example.com");
        var effects = Trigger(1);
        Assert.Null(effects.Sync);
        Assert.Equal(new PermitRequest(Key, 1, 1), Asked(effects));
        Assert.Contains(new ScheduledSignal(nameof(CloudflareResourceEntity.ReaskPermit), new PermitReask(1), T0.AddSeconds(16)), effects.Signals);
        Assert.Equal(SyncStatus.Pending, state.SyncStatus);

        var again = machine.ReaskPermit(state, Key, new PermitReask(1), T0.AddSeconds(16));
        Assert.Equal(new PermitRequest(Key, 1, 1), Asked(again));
        Assert.Empty(machine.ReaskPermit(state, Key, new PermitReask(0), T0.AddSeconds(16)).BudgetSignals);
    }

    [Fact]
    public void A_change_held_past_the_max_wait_asks_for_its_permit_at_once_and_the_next_changes_join_it()
    {
        var held = new SourceRegistration(new Source("Ingress", "default", "a"), new SourceVersion("a", ++sequence) { SentAt = T0.AddSeconds(-30) }, new IngressRulesFragment([new IngressRule("a.example.com", null, "http://web:80")]));
        var effects = machine.Register(state, Key, held, T0);
        Assert.Equal(new PermitRequest(Key, 1, 1), Asked(effects));
        Assert.DoesNotContain(effects.Signals, s => s.Operation == nameof(CloudflareResourceEntity.Flush));

        Assert.Empty(Register("b", "b.example.com", 0.1).Signals);
        var (_, request) = Grant(1, 2).Sync!.Value;
        Assert.Contains("a.example.com", request.Desired?.Json, StringComparison.Ordinal);
        Assert.Contains("b.example.com", request.Desired?.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_wait_asks_again_ever_less_often_up_to_the_cap()
    {
        Register("a", "a.example.com");
        Trigger(1);
        double[] reasks = [16, 31, 61, 121, 241, 361];
        double[] next = [31, 61, 121, 241, 361, 481]; // the gap doubles (15, 30, 60, 120 s), then stays at the 2-minute cap
        for (var i = 0; i < reasks.Length; i++)
        {
            var effects = machine.ReaskPermit(state, Key, new PermitReask(1), T0.AddSeconds(reasks[i]));
            Assert.Equal(new PermitRequest(Key, 1, 1), Asked(effects));
            Assert.Equal(T0.AddSeconds(next[i]), Assert.Single(effects.Signals, s => s.Operation == nameof(CloudflareResourceEntity.ReaskPermit)).At);
        }
    }

    [Fact]
    public void Changes_while_waiting_join_the_request_and_the_grant_sends_the_aggregate_current_then()
    {
        Register("a", "a.example.com");
        Trigger(1);
        Assert.DoesNotContain(Register("b", "b.example.com", 2).Signals, s => s.Operation == nameof(CloudflareResourceEntity.Flush)); // the grant carries it
        Assert.Empty(Trigger(3, force: true).BudgetSignals); // no second request: it joins the waiting one

        var (instanceId, request) = Grant(1, 4).Sync!.Value;
        Assert.Contains("a.example.com", request.Desired!.Json, StringComparison.Ordinal);
        Assert.Contains("b.example.com", request.Desired.Json, StringComparison.Ordinal);
        Assert.True(request.Apply);
        Assert.Equal(1, state.InFlight!.Permit);
        Assert.Null(state.Permit);

        var done = machine.Complete(state, Key, new SyncOutcome(instanceId, true, true, request.ConfigHash, null, 1, T0.AddSeconds(5)) { CloudflareCalls = 3, CallsEndedAt = T0.AddSeconds(4) }, T0.AddSeconds(5));
        Assert.Equal(new PermitSettlement(Key, 1, 3) { CallsEndedAt = T0.AddSeconds(4) }, Settled(done)); // the budget counts them from their end
    }

    [Fact]
    public void A_grant_nobody_waits_for_is_given_back_at_once_and_a_grant_sent_again_is_ignored()
    {
        Register("a", "a.example.com");
        Trigger(1);
        Assert.Equal(new PermitSettlement(Key, 9, 0), Settled(Grant(9, 2)));
        Grant(1, 3);
        Assert.Empty(Grant(1, 4).BudgetSignals); // the budget sent it again: the sync in flight spends it
    }

    [Fact]
    public void A_sync_whose_hash_Cloudflare_holds_needs_no_permit_and_an_unneeded_grant_is_returned()
    {
        Register("a", "a.example.com");
        Trigger(1);
        var (first, request) = Grant(1, 2).Sync!.Value;
        machine.Complete(state, Key, new SyncOutcome(first, true, true, request.ConfigHash, null, 1, T0.AddSeconds(3)) { CloudflareCalls = 1 }, T0.AddSeconds(3));

        var unchanged = Trigger(10);
        Assert.Empty(unchanged.BudgetSignals);
        Assert.False(unchanged.Sync!.Value.Request.Apply);
        machine.Complete(state, Key, new SyncOutcome(unchanged.Sync!.Value.InstanceId, true, false, request.ConfigHash, null, 0, T0.AddSeconds(11)), T0.AddSeconds(11));

        Register("a", "b.example.com", 20);
        Trigger(21);
        Register("a", "a.example.com", 22); // back to what Cloudflare holds while it waited
        var granted = Grant(2, 23);
        Assert.False(granted.Sync!.Value.Request.Apply);
        Assert.Equal(new PermitSettlement(Key, 2, 0), Settled(granted));
    }

    [Fact]
    public void An_abandoned_sync_settles_its_estimate_and_asks_for_a_new_permit()
    {
        Register("a", "a.example.com");
        Trigger(1);
        var (instanceId, _) = Grant(1, 2).Sync!.Value;
        var abandoned = machine.Abandon(state, Key, instanceId, "gone", T0.AddSeconds(60));
        Assert.Equal(new PermitSettlement(Key, 1, 1), Settled(abandoned));
        Assert.Equal(new PermitRequest(Key, 2, 1), Asked(abandoned));
        Assert.Null(abandoned.Sync);
    }

    [Fact]
    public void A_change_during_a_flight_asks_ahead_once_and_the_follow_up_spends_the_held_grant_without_asking_again()
    {
        var (first, request, during) = FlightWithChangeAhead();
        Assert.Equal(new PermitRequest(Key, 2, 1), Asked(during));
        Assert.DoesNotContain(during.Signals, s => s.Operation == nameof(CloudflareResourceEntity.Flush));
        Assert.Empty(Register("c", "c.example.com", 3.5).BudgetSignals);
        Assert.Null(Grant(2, 4).Sync); // one sync at a time: the grant waits for the flight
        Assert.Equal(new PermitGrant(2, 1), state.HeldGrant);
        Assert.Empty(Grant(2, 5).BudgetSignals); // sent again: still held, not given back
        Assert.Equal(SyncStatus.Syncing, state.SyncStatus);

        // The max wait from b's change ran out during the flight: the follow-up starts at its end, on the held grant.
        var done = Complete(first, request, 20);
        Assert.Equal(new PermitSettlement(Key, 1, 1), Settled(done));
        var (_, followUp) = done.Sync!.Value;
        Assert.Contains("c.example.com", followUp.Desired!.Json, StringComparison.Ordinal);
        Assert.Equal(2, state.InFlight!.Permit);
        Assert.Null(state.HeldGrant);
    }

    [Fact]
    public void A_grant_held_past_a_short_flight_is_spent_when_the_debounce_flushes()
    {
        var (first, request, _) = FlightWithChangeAhead();
        Grant(2, 3.1);

        var done = Complete(first, request, 3.2);
        Assert.Null(done.Sync); // b's quiet window is still open
        Assert.Contains(done.Signals, s => s.Operation == nameof(CloudflareResourceEntity.Flush));
        var flushed = machine.Flush(state, Key, new FlushSignal(FlushKind.Quiet, state.Debounce.Generation), T0.AddSeconds(4));
        Assert.Empty(flushed.BudgetSignals);
        Assert.Contains("b.example.com", flushed.Sync!.Value.Request.Desired!.Json, StringComparison.Ordinal);
        Assert.Equal(2, state.InFlight!.Permit);
    }

    [Fact]
    public void A_grant_asked_ahead_that_comes_after_the_flight_before_the_quiet_window_closes_is_held_for_the_flush()
    {
        var (first, request, _) = FlightWithChangeAhead();
        Complete(first, request, 3.2);

        Assert.Null(Grant(2, 3.5).Sync);
        Assert.Equal(new PermitGrant(2, 1), state.HeldGrant);
        Assert.NotNull(Grant(3, 3.6).BudgetSignals.SingleOrDefault(s => s.Operation == nameof(AccountBudgetEntity.SettlePermit))); // not this one's: given back
        var flushed = machine.Flush(state, Key, new FlushSignal(FlushKind.Quiet, state.Debounce.Generation), T0.AddSeconds(4));
        Assert.Equal(2, state.InFlight!.Permit);
        Assert.Empty(flushed.BudgetSignals);
    }
}
