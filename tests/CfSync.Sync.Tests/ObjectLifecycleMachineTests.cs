using System.Text.Json.Nodes;
using CfSync.Core.Aggregation;
using CfSync.Core.Objects;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Core.Tunnels;
using CfSync.Sync.Applying;
using CfSync.Sync.Entities;
using CfSync.Sync.Orchestrations;

namespace CfSync.Sync.Tests;

/// <summary>
/// What the entity does around an apply: the id Cloudflare gave is kept and passed back, the owner and its opt-in
/// travel to the applier, a deletion is applied, conflicts Cloudflare reported show on the source, and drift checks
/// run periodically, only for the latest sync, and are mirrored only when they find something.
/// </summary>
public sealed class ObjectLifecycleMachineTests
{
    private const string Key = "GatewayRules:Block gambling";
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SyncOptions Options = new() { DriftInterval = TimeSpan.FromMinutes(10), AccountBudget = { Enabled = false } };
    private static readonly Source Rule = new("GatewayRule", null, "block-gambling");

    private readonly ResourceSyncMachine machine = new(Options);
    private readonly ResourceSyncState state = new();
    private long sequence;

    private static ObjectFragment Body(string action, bool adopt = false) =>
        new(ResourceType.GatewayRules, new JsonObject { ["name"] = "Block gambling", ["action"] = action }) { Adopt = adopt };

    private void Register(ObjectFragment fragment, Source? source = null) =>
        machine.Register(state, Key, new SourceRegistration(source ?? Rule, new SourceVersion("uid", ++sequence), fragment) { Scope = new ResourceScope("account-1") }, T0);

    private SyncRequest Sync(double seconds = 2) =>
        machine.Trigger(state, Key, new SyncTrigger(), T0.AddSeconds(seconds)).Sync!.Value.Request;

    private SyncEffects Complete(SyncOutcome outcome, double seconds = 3) => machine.Complete(state, Key, outcome, T0.AddSeconds(seconds));

    private SyncOutcome Outcome(SyncRequest request, string? appliedAs = "rule-1") =>
        new(state.InFlight!.InstanceId, true, request.Apply, request.ConfigHash, null, 1, T0) { AppliedAs = appliedAs };

    private static List<ScheduledSignal> DriftChecks(SyncEffects effects) =>
        effects.Signals.Where(s => s.Operation == nameof(CloudflareResourceEntity.CheckDrift)).ToList();

    [Fact]
    public void The_id_Cloudflare_gave_is_kept_and_passed_to_the_next_apply_with_the_owner_and_its_opt_in()
    {
        Register(Body("block", adopt: true));
        var first = Sync();
        Assert.Equal(new ApplyContext(null, Rule.Key, Adopt: true), first.Context);

        Complete(Outcome(first));
        Register(Body("allow"));
        var second = Sync(5);

        Assert.Equal("rule-1", state.AppliedAs);
        Assert.Equal(new ApplyContext("rule-1", Rule.Key, Adopt: false), second.Context);
    }

    [Fact]
    public void When_its_source_leaves_an_applied_object_is_deleted_and_its_id_forgotten()
    {
        Register(Body("block"));
        var create = Sync();
        Complete(Outcome(create));

        machine.Unregister(state, Key, new SourceRemoval(Rule, new SourceVersion("uid", ++sequence)), T0.AddSeconds(4));
        var delete = Sync(5);
        Assert.True(delete.Apply);
        Assert.Null(delete.Desired);
        Assert.Equal("account-1", delete.Scope.AccountId); // the scope outlives the last source
        Assert.Equal("rule-1", delete.Context.AppliedAs);

        Assert.Empty(machine.Mirror.ReportOf(state).Released); // not before Cloudflare answered
        Complete(Outcome(delete, appliedAs: null), 6);
        Assert.Null(state.AppliedAs);
        Assert.Equal([Rule], machine.Mirror.ReportOf(state).Released); // the object may let go of its finalizer now
        Assert.False(Sync(7).Apply); // nothing of ours is left: nothing more to do
    }

    [Fact]
    public void A_deletion_whose_sync_failed_is_not_released()
    {
        Register(Body("block"));
        Complete(Outcome(Sync()));
        machine.Unregister(state, Key, new SourceRemoval(Rule, new SourceVersion("uid", ++sequence)), T0.AddSeconds(4));
        Sync(5);
        Complete(new SyncOutcome(state.InFlight!.InstanceId, false, false, null, "Cloudflare answered 500", 6, T0.AddSeconds(6)), 6);

        Assert.Empty(machine.Mirror.ReportOf(state).Released);
        Assert.Equal("rule-1", state.AppliedAs); // still ours to delete: the retry does
    }

    [Fact]
    public void A_tunnel_whose_sources_all_left_is_sent_nothing_and_settles()
    {
        const string tunnel = "TunnelConfiguration:tunnel-1";
        var settings = new Source("Tunnel", "default", "edge");
        machine.Register(state, tunnel, new SourceRegistration(settings, new SourceVersion("uid", 1), new TunnelSettingsFragment(false)) { Scope = new ResourceScope("account-1") }, T0);
        var start = machine.Trigger(state, tunnel, new SyncTrigger(), T0).Sync!.Value.Request;
        machine.Complete(state, tunnel, new SyncOutcome(state.InFlight!.InstanceId, true, true, start.ConfigHash, null, 1, T0), T0);

        machine.Unregister(state, tunnel, new SourceRemoval(settings, new SourceVersion("uid", 2)), T0.AddSeconds(1));
        var request = machine.Trigger(state, tunnel, new SyncTrigger(), T0.AddSeconds(2)).Sync!.Value.Request;

        Assert.Null(request.Desired);
        Assert.Equal("account-1", request.Scope.AccountId);
        machine.Complete(state, tunnel, new SyncOutcome(state.InFlight!.InstanceId, true, request.Apply, null, null, 1, T0.AddSeconds(3)), T0.AddSeconds(3));
        Assert.Equal(SyncStatus.Synced, state.SyncStatus);
        Assert.Null(state.LastError);
    }

    [Fact]
    public void A_conflict_Cloudflare_reported_shows_on_its_source_and_the_next_sync_applies_again()
    {
        Register(Body("block"));
        var request = Sync();
        Complete(Outcome(request, appliedAs: null) with { Conflicts = [new SourceConflict(Rule.Key, "Gateway rule 'Block gambling' (id g-9) is not ours")] });

        var entry = state.Sources[Rule.Key];
        Assert.Equal(SourceStatus.Conflict, entry.Status);
        Assert.Contains("Gateway rule 'Block gambling' (id g-9) is not ours", entry.Reasons);
        Assert.Null(state.LastAppliedHash);
        Assert.True(Sync(5).Apply); // the same aggregate is tried again: the dashboard's rule may be gone by then
    }

    [Fact]
    public void A_sync_arms_a_drift_check_and_only_the_latest_one_runs()
    {
        Register(Body("block"));
        var first = Sync();
        var armed = DriftChecks(Complete(Outcome(first)));
        var check = Assert.Single(armed);
        Assert.InRange(check.At, T0.AddSeconds(3) + Options.DriftInterval, T0.AddSeconds(3) + (Options.DriftInterval * 1.1));

        Register(Body("allow"));
        Complete(Outcome(Sync(5)), 6); // a newer sync supersedes the armed check
        Assert.Null(machine.CheckDrift(state, Key, (DriftSignal)check.Input, check.At).Sync);

        var latest = new DriftSignal(state.SyncCount);
        var drift = machine.CheckDrift(state, Key, latest, T0.AddMinutes(20)).Sync!.Value.Request;
        Assert.True(drift.Apply);
        Assert.Equal(ApplyPurpose.DriftCheck, drift.Context.Purpose);
        Assert.True(drift.Context.RepairDrift);
    }

    [Fact]
    public void One_drift_check_is_armed_at_a_time_and_it_moves_to_the_latest_sync()
    {
        Register(Body("block"));
        var armed = Assert.Single(DriftChecks(Complete(Outcome(Sync()))));
        Register(Body("allow"));
        Assert.Empty(DriftChecks(Complete(Outcome(Sync(60)), 61))); // one is on its way already

        var moved = machine.CheckDrift(state, Key, (DriftSignal)armed.Input, armed.At);
        Assert.Null(moved.Sync);
        var again = Assert.Single(DriftChecks(moved));
        Assert.Equal(armed.At.AddSeconds(58), again.At); // the later sync's time plus the interval, with the same spread

        var drift = machine.CheckDrift(state, Key, (DriftSignal)again.Input, again.At).Sync!.Value.Request;
        Assert.Equal(ApplyPurpose.DriftCheck, drift.Context.Purpose);
    }

    [Fact]
    public void A_drift_check_armed_before_its_state_recorded_one_runs_as_it_did()
    {
        Register(Body("block"));
        Complete(Outcome(Sync()));
        (state.DriftCheckArmed, state.DriftCheckDueAt) = (false, null); // the state an older version wrote
        Assert.Null(machine.CheckDrift(state, Key, new DriftSignal(state.SyncCount - 1), T0.AddMinutes(20)).Sync);
        Assert.NotNull(machine.CheckDrift(state, Key, new DriftSignal(state.SyncCount), T0.AddMinutes(20)).Sync);
    }

    [Fact]
    public void A_drift_check_that_finds_nothing_is_not_mirrored_and_one_that_finds_a_change_is()
    {
        Register(Body("block"));
        Complete(Outcome(Sync()));
        var mirrors = state.Mirror.Count;

        var quiet = machine.CheckDrift(state, Key, new DriftSignal(state.SyncCount), T0.AddMinutes(11)).Sync!.Value.Request;
        var nothing = Complete(Outcome(quiet), 700);
        Assert.Equal(mirrors, state.Mirror.Count);
        var next = Assert.Single(DriftChecks(nothing)); // and the next one is armed

        state.Mirror.InFlight = null;
        var found = machine.CheckDrift(state, Key, (DriftSignal)next.Input, next.At).Sync!.Value.Request;
        var effects = Complete(Outcome(found) with { Drift = "action block -> allow" }, 1400);
        Assert.Equal("action block -> allow", state.Drift);
        Assert.Equal(mirrors + 1, state.Mirror.Count);
        Assert.Contains(effects.Notices, n => n.Kind == SyncNoticeKind.DriftFound && n.Detail == "action block -> allow");
    }

    [Fact]
    public void A_drift_report_is_mirrored_with_the_policy_and_cleared_by_the_next_apply()
    {
        var reporting = new ResourceSyncMachine(new SyncOptions { DriftPolicy = DriftPolicy.Report, AccountBudget = { Enabled = false } });
        reporting.Register(state, Key, new SourceRegistration(Rule, new SourceVersion("uid", 1), Body("block")) { Scope = new ResourceScope("account-1") }, T0);
        var start = reporting.Trigger(state, Key, new SyncTrigger(), T0).Sync!.Value.Request;
        reporting.Complete(state, Key, Outcome(start), T0);
        var check = reporting.CheckDrift(state, Key, new DriftSignal(state.SyncCount), T0.AddHours(1)).Sync!.Value.Request;
        Assert.False(check.Context.RepairDrift);
        reporting.Complete(state, Key, Outcome(check) with { Drift = "action block -> allow" }, T0.AddHours(1));

        var report = reporting.Mirror.ReportOf(state);
        Assert.Equal("action block -> allow", report.Drift);
        Assert.False(report.DriftRepaired);

        reporting.Register(state, Key, new SourceRegistration(Rule, new SourceVersion("uid", 2), Body("allow")) { Scope = new ResourceScope("account-1") }, T0.AddHours(2));
        var change = reporting.Trigger(state, Key, new SyncTrigger(), T0.AddHours(2)).Sync!.Value.Request;
        reporting.Complete(state, Key, Outcome(change), T0.AddHours(2));
        Assert.Null(state.Drift);
    }

    [Fact]
    public void No_drift_check_is_armed_when_the_interval_is_zero_or_the_sync_failed()
    {
        var never = new ResourceSyncMachine(new SyncOptions { DriftInterval = TimeSpan.Zero, AccountBudget = { Enabled = false } });
        never.Register(state, Key, new SourceRegistration(Rule, new SourceVersion("uid", 1), Body("block")), T0);
        var request = never.Trigger(state, Key, new SyncTrigger(), T0).Sync!.Value.Request;
        Assert.Empty(DriftChecks(never.Complete(state, Key, Outcome(request), T0)));

        var failing = new ResourceSyncState();
        machine.Register(failing, Key, new SourceRegistration(Rule, new SourceVersion("uid", 1), Body("block")), T0);
        machine.Trigger(failing, Key, new SyncTrigger(), T0);
        var failed = machine.Complete(failing, Key, new SyncOutcome(failing.InFlight!.InstanceId, false, false, null, "boom", 1, T0), T0);
        Assert.Empty(DriftChecks(failed));
    }
}
