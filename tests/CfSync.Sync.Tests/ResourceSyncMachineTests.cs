using CfSync.Core.Aggregation;
using CfSync.Core.Fragments;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Core.Tunnels;
using CfSync.Sync.Entities;
using CfSync.Sync.Orchestrations;

namespace CfSync.Sync.Tests;

public sealed class ResourceSyncMachineTests
{
    private const string Key = "TunnelConfiguration:tunnel-1";
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SyncOptions Options = new() { DebounceQuietWindow = TimeSpan.FromSeconds(1), DebounceMaxWait = TimeSpan.FromSeconds(10), AccountBudget = { Enabled = false } };

    private readonly ResourceSyncMachine machine = new(Options);
    private readonly ResourceSyncState state = new();

    private static Source Ingress(string name) => new("Ingress", "default", name);

    private static SourceRegistration Rules(string name, long sequence, params string[] hosts) =>
        new(Ingress(name), new SourceVersion($"uid-{name}", sequence),
            new IngressRulesFragment(hosts.Select(h => new IngressRule(h, null, "http://web:80")).ToArray()));

    private SyncEffects Register(SourceRegistration registration, double seconds = 0) =>
        machine.Register(state, Key, registration, T0.AddSeconds(seconds));

    private (string InstanceId, SyncRequest Request) FlushQuiet(double seconds) =>
        machine.Flush(state, Key, new FlushSignal(FlushKind.Quiet, state.Debounce.Generation), T0.AddSeconds(seconds)).Sync!.Value;

    private SyncEffects Complete(string instanceId, bool succeeded = true, double seconds = 5) =>
        machine.Complete(state, Key, new SyncOutcome(instanceId, succeeded, succeeded, state.ConfigHash, succeeded ? null : "boom", 1, T0.AddSeconds(seconds)), T0.AddSeconds(seconds));

    private static List<ScheduledSignal> Flushes(SyncEffects effects) =>
        effects.Signals.Where(s => s.Operation == nameof(CloudflareResourceEntity.Flush)).ToList();

    private static ScheduledSignal Flush(FlushSignal signal, DateTimeOffset at) => new(nameof(CloudflareResourceEntity.Flush), signal, at);

    [Fact]
    public void A_sync_measures_from_the_oldest_change_it_carried_to_its_apply()
    {
        var changes = Register(Rules("a", 1, "a.example.com")).Measures.Concat(Register(Rules("b", 1, "b.example.com"), 0.5).Measures);
        var (instance, _) = FlushQuiet(1.5);

        Assert.Equal(2, changes.Count(m => m.Kind == SyncMeasureKind.Changed));
        Assert.Equal(
            new SyncMeasure(SyncMeasureKind.Succeeded, Applying.ApplyPurpose.Change, Applied: true, ChangeToApply: TimeSpan.FromSeconds(5)),
            Complete(instance).Measures.Single());
    }

    [Fact]
    public void A_failed_sync_hands_its_changes_to_the_next_so_the_latency_counts_from_the_first()
    {
        Register(Rules("a", 1, "a.example.com"));
        var (failed, _) = FlushQuiet(1);
        Assert.Equal(SyncMeasureKind.Failed, Complete(failed, succeeded: false).Measures.Single().Kind);

        Register(Rules("b", 1, "b.example.com"), 6);
        var (next, _) = FlushQuiet(7);
        Assert.Equal(TimeSpan.FromSeconds(9), Complete(next, seconds: 9).Measures.Single().ChangeToApply);
        Assert.Null(state.ChangedSince);
    }

    [Fact]
    public void First_change_arms_one_quiet_and_one_max_wait_flush()
    {
        var effects = Register(Rules("a", 1, "a.example.com"));
        Assert.Equal(
            [Flush(new FlushSignal(FlushKind.MaxWait, 1), T0.AddSeconds(10)), Flush(new FlushSignal(FlushKind.Quiet, 1), T0.AddSeconds(1))],
            Flushes(effects));
        Assert.Null(effects.Sync);
        Assert.Equal(SyncStatus.Pending, state.SyncStatus);
    }

    [Fact]
    public void A_change_the_queues_held_arms_its_max_wait_from_when_it_was_sent()
    {
        var effects = Register(Rules("a", 1, "a.example.com") with { Version = new SourceVersion("uid-a", 1) { SentAt = T0.AddSeconds(-4) } });
        Assert.Equal(
            [Flush(new FlushSignal(FlushKind.MaxWait, 1), T0.AddSeconds(6)), Flush(new FlushSignal(FlushKind.Quiet, 1), T0.AddSeconds(1))],
            Flushes(effects));
        Assert.Equal(T0.AddSeconds(-4), state.ChangedSince);
    }

    [Fact]
    public void A_change_the_queues_held_past_the_max_wait_syncs_at_once_and_measures_from_when_it_was_sent()
    {
        var effects = Register(Rules("a", 1, "a.example.com") with { Version = new SourceVersion("uid-a", 1) { SentAt = T0.AddSeconds(-12) } });
        Assert.Empty(Flushes(effects));
        var (instance, request) = effects.Sync!.Value;
        Assert.Contains("a.example.com", request.Desired?.Json, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(17), Complete(instance).Measures.Single().ChangeToApply);
    }

    [Fact]
    public void A_sender_clock_ahead_of_the_entity_counts_as_now()
    {
        var effects = Register(Rules("a", 1, "a.example.com") with { Version = new SourceVersion("uid-a", 1) { SentAt = T0.AddSeconds(30) } });
        Assert.Equal(
            [Flush(new FlushSignal(FlushKind.MaxWait, 1), T0.AddSeconds(10)), Flush(new FlushSignal(FlushKind.Quiet, 1), T0.AddSeconds(1))],
            Flushes(effects));
        Assert.Equal(T0, state.ChangedSince);
    }

    [Fact]
    public void Changes_inside_the_window_arm_no_more_flushes()
    {
        Register(Rules("a", 1, "a.example.com"));
        var effects = Register(Rules("b", 1, "b.example.com"), 0.5);
        Assert.Empty(Flushes(effects));
        Assert.Equal(2, state.Debounce.Generation);
    }

    [Fact]
    public void Registrations_in_one_signal_each_apply_in_order_and_arm_the_debounce_once()
    {
        var first = Register(Rules("a", 5, "old.example.com"));
        var effects = machine.Register(state, Key, [Rules("a", 4, "stale.example.com"), Rules("b", 1, "b.example.com"), Rules("c", 1, "c1.example.com"), Rules("c", 2, "c2.example.com")], T0.AddSeconds(0.5));

        Assert.Empty(Flushes(effects));
        Assert.Equal(["a", "b", "c"], state.Sources.Values.Select(e => e.Source.Name));
        Assert.Equal(["old.example.com"], ((IngressRulesFragment)state.Sources[Ingress("a").Key].Fragment!).Rules.Select(r => r.Hostname));
        Assert.Equal(["c2.example.com"], ((IngressRulesFragment)state.Sources[Ingress("c").Key].Fragment!).Rules.Select(r => r.Hostname));
        Assert.Equal(4, state.Debounce.Generation);

        // On a fresh entity the whole list arms exactly what its first registration alone would.
        var batch = machine.Register(new ResourceSyncState(), Key, [Rules("b", 1, "b.example.com"), Rules("c", 1, "c.example.com")], T0);
        Assert.Equal(Flushes(first), Flushes(batch));
    }

    [Fact]
    public void A_stale_quiet_flush_rearms_from_the_last_change_instead_of_syncing()
    {
        Register(Rules("a", 1, "a.example.com"));
        Register(Rules("b", 1, "b.example.com"), 0.8);
        var effects = machine.Flush(state, Key, new FlushSignal(FlushKind.Quiet, 1), T0.AddSeconds(0.95)); // early and stale
        Assert.Null(effects.Sync);
        Assert.Equal([Flush(new FlushSignal(FlushKind.Quiet, 2), T0.AddSeconds(1.8))], Flushes(effects));
    }

    [Fact]
    public void The_current_quiet_flush_starts_one_sync_with_every_rule()
    {
        Register(Rules("a", 1, "a.example.com"));
        Register(Rules("b", 1, "b.example.com"), 0.5);
        var (instanceId, request) = FlushQuiet(1.5);
        Assert.Equal($"{Key}:sync:1", instanceId);
        Assert.True(request.Apply);
        Assert.Contains("a.example.com", request.Desired?.Json, StringComparison.Ordinal);
        Assert.Contains("b.example.com", request.Desired?.Json, StringComparison.Ordinal);
        Assert.Equal(SyncStatus.Syncing, state.SyncStatus);
        Assert.Null(state.Debounce.DirtySince);
    }

    [Fact]
    public void Max_wait_syncs_a_steady_stream_even_though_quiet_never_holds()
    {
        Register(Rules("a", 1, "a.example.com"));
        for (var i = 1; i <= 20; i++)
        {
            Register(Rules("a", 1 + i, $"a{i}.example.com"), i * 0.5);
        }

        var effects = machine.Flush(state, Key, new FlushSignal(FlushKind.MaxWait, 1), T0.AddSeconds(10));
        Assert.NotNull(effects.Sync);
        Assert.Contains("a20.example.com", effects.Sync!.Value.Request.Desired?.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_max_wait_flush_of_an_ended_period_does_nothing()
    {
        Register(Rules("a", 1, "a.example.com"));
        FlushQuiet(1);
        Assert.Null(machine.Flush(state, Key, new FlushSignal(FlushKind.MaxWait, 1), T0.AddSeconds(10)).Sync);
    }

    [Fact]
    public void Changes_during_a_sync_arm_nothing_until_it_ends_and_then_exactly_one_follow_up_carries_the_latest_aggregate()
    {
        Register(Rules("a", 1, "a.example.com"));
        var (first, _) = FlushQuiet(1);

        Assert.Empty(Flushes(Register(Rules("b", 1, "b.example.com"), 2)));
        Assert.Empty(Flushes(Register(Rules("c", 1, "c.example.com"), 3.5)));
        Assert.Null(machine.Flush(state, Key, new FlushSignal(FlushKind.Quiet, state.Debounce.Generation), T0.AddSeconds(3.6)).Sync);
        Assert.False(state.FollowUp);

        // The end arms the debounce as if there had been no flight: quiet from the last change, max wait from the first.
        var done = Complete(first, seconds: 4);
        Assert.Null(done.Sync);
        Assert.Equal(
            [Flush(new FlushSignal(FlushKind.MaxWait, state.Debounce.Period), T0.AddSeconds(12)), Flush(new FlushSignal(FlushKind.Quiet, state.Debounce.Generation), T0.AddSeconds(4.5))],
            Flushes(done));
        Assert.Equal(SyncStatus.Pending, state.SyncStatus);

        var (_, followUp) = FlushQuiet(4.5);
        Assert.Contains("c.example.com", followUp.Desired?.Json, StringComparison.Ordinal);
        Assert.Null(machine.Flush(state, Key, new FlushSignal(FlushKind.MaxWait, state.Debounce.Period), T0.AddSeconds(12)).Sync);
    }

    [Fact]
    public void A_max_wait_that_ran_out_during_a_sync_starts_the_follow_up_when_it_ends()
    {
        Register(Rules("a", 1, "a.example.com"));
        var (first, _) = FlushQuiet(1);
        Register(Rules("b", 1, "b.example.com"), 2);
        Register(Rules("b", 2, "b2.example.com"), 11.5);

        var followUp = Complete(first, seconds: 12).Sync;
        Assert.NotNull(followUp);
        Assert.Contains("b2.example.com", followUp!.Value.Request.Desired?.Json, StringComparison.Ordinal);
        Assert.Null(state.Debounce.DirtySince);
    }

    [Fact]
    public void A_trigger_during_a_sync_starts_the_follow_up_when_it_ends()
    {
        Register(Rules("a", 1, "a.example.com"));
        var (first, _) = FlushQuiet(1);
        Register(Rules("b", 1, "b.example.com"), 2);
        Assert.Null(machine.Trigger(state, Key, new SyncTrigger(false), T0.AddSeconds(2.5)).Sync);
        Assert.True(state.FollowUp);

        Assert.Contains("b.example.com", Complete(first, seconds: 3).Sync?.Request.Desired?.Json, StringComparison.Ordinal);
        Assert.False(state.FollowUp);
    }

    [Fact]
    public void Same_hash_as_last_applied_skips_cloudflare_but_still_mirrors()
    {
        Register(Rules("a", 1, "a.example.com"));
        var (first, _) = FlushQuiet(1);
        var firstMirror = Complete(first).Starts.Single().InstanceId;
        machine.Mirror.Complete(state, Key, new MirrorOutcome(firstMirror, true, null), T0.AddSeconds(5));
        Assert.Equal(SyncStatus.Synced, state.SyncStatus);
        var applied = state.LastAppliedHash;

        Register(Rules("a", 2, "a.example.com", "x.example.com"), 6);
        Register(Rules("a", 3, "a.example.com"), 6.5);
        var (second, request) = FlushQuiet(8);
        Assert.False(request.Apply);
        Assert.Equal(applied, request.ConfigHash);
        var mirror = Assert.Single(Complete(second, seconds: 9).Starts);
        Assert.Equal(nameof(MirrorStatusOrchestration), mirror.Orchestration);
    }

    [Fact]
    public void Trigger_with_force_applies_even_when_the_hash_is_unchanged()
    {
        Register(Rules("a", 1, "a.example.com"));
        var (first, _) = FlushQuiet(1);
        Complete(first);
        var start = machine.Trigger(state, Key, new SyncTrigger(Force: true), T0.AddSeconds(9)).Sync;
        Assert.True(start!.Value.Request.Apply);
    }

    [Fact]
    public void Stale_and_duplicate_updates_are_no_ops()
    {
        Register(Rules("a", 5, "new.example.com"));
        var generation = state.Debounce.Generation;
        Assert.Empty(Flushes(Register(Rules("a", 5, "new.example.com"))));
        Assert.Empty(Flushes(Register(Rules("a", 3, "old.example.com"))));
        Assert.Equal(generation, state.Debounce.Generation);
        Assert.Equal("new.example.com", ((IngressRulesFragment)state.Sources["Ingress/default/a"].Fragment!).Rules[0].Hostname);
    }

    [Fact]
    public void A_late_update_never_resurrects_a_deleted_source()
    {
        Register(Rules("a", 1, "a.example.com"));
        machine.Unregister(state, Key, new SourceRemoval(Ingress("a"), new SourceVersion("uid-a", 9)), T0.AddSeconds(1));
        Register(Rules("a", 7, "a.example.com"), 2);
        Assert.True(state.Sources["Ingress/default/a"].Deleted);
        var (_, request) = FlushQuiet(3);
        Assert.DoesNotContain("a.example.com", request.Desired?.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_delete_that_arrives_before_its_object_leaves_a_tombstone_that_wins()
    {
        machine.Unregister(state, Key, new SourceRemoval(Ingress("a"), new SourceVersion("uid-a", 9)), T0);
        Register(Rules("a", 4, "a.example.com"), 1);
        Assert.Null(state.Sources["Ingress/default/a"].Contribution);
    }

    [Fact]
    public void A_recreated_object_with_a_newer_version_comes_back()
    {
        Register(Rules("a", 1, "a.example.com"));
        machine.Unregister(state, Key, new SourceRemoval(Ingress("a"), new SourceVersion("uid-a", 2)), T0);
        Register(new SourceRegistration(Ingress("a"), new SourceVersion("uid-a2", 3), new IngressRulesFragment([new IngressRule("a.example.com", null, "http://web:80")])));
        Assert.Equal("uid-a2", state.Sources["Ingress/default/a"].Uid);
        Assert.NotNull(state.Sources["Ingress/default/a"].Contribution);
    }

    [Fact]
    public void Tunnel_settings_survive_rule_removal()
    {
        Register(new SourceRegistration(new Source("ClusterTunnel", null, "main"), new SourceVersion("t", 1), new TunnelSettingsFragment(true, "http_status:503")));
        Register(Rules("a", 1, "a.example.com"));
        machine.Unregister(state, Key, new SourceRemoval(Ingress("a"), new SourceVersion("uid-a", 2)), T0);
        var (_, request) = FlushQuiet(2);
        Assert.Equal("""{"config":{"ingress":[{"service":"http_status:503"}],"warp-routing":{"enabled":true}}}""", request.Desired?.Json);
    }

    [Fact]
    public void Rejected_translations_show_their_reasons_and_contribute_nothing()
    {
        Register(Rules("ok", 1, "ok.example.com"));
        machine.Reject(state, Key, new SourceRejection(Ingress("broken"), new SourceVersion("u", 1), ["Ingress/default/broken: spec.rules[0]: bad"]), T0);
        var (first, request) = FlushQuiet(2);
        var mirrored = (MirrorRequest)Complete(first).Starts.Single().Input;
        var broken = mirrored.Report.Sources.Single(s => s.Source.Name == "broken");
        Assert.Equal(SourceStatus.Rejected, broken.Status);
        Assert.Equal(["Ingress/default/broken: spec.rules[0]: bad"], broken.Reasons);
        Assert.Equal(SourceStatus.Rejected, state.Sources["Ingress/default/broken"].Status);
        Assert.Contains("ok.example.com", request.Desired?.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_from_another_sync_is_ignored_and_a_failure_is_recorded()
    {
        Register(Rules("a", 1, "a.example.com"));
        var (first, _) = FlushQuiet(1);
        Complete("someone-else");
        Assert.NotNull(state.InFlight);
        Complete(first, succeeded: false);
        Assert.Equal(SyncStatus.Failed, state.SyncStatus);
        Assert.Equal("boom", state.LastError);
        Assert.Null(state.LastAppliedHash);
    }

    [Fact]
    public void Old_tombstones_are_pruned_at_the_next_sync()
    {
        machine.Unregister(state, Key, new SourceRemoval(Ingress("gone"), new SourceVersion("u", 1)), T0);
        Register(Rules("a", 1, "a.example.com"), Options.TombstoneRetention.TotalSeconds + 10);
        FlushQuiet(Options.TombstoneRetention.TotalSeconds + 20);
        Assert.False(state.Sources.ContainsKey("Ingress/default/gone"));
    }

    [Fact]
    public void Scope_comes_from_the_tunnel_settings_source()
    {
        machine.Register(state, Key, new SourceRegistration(new Source("ClusterTunnel", null, "main"), new SourceVersion("t", 1), new TunnelSettingsFragment(true))
        {
            Scope = new ResourceScope("account-1"),
        }, T0);
        Register(Rules("a", 1, "a.example.com") with { Scope = new ResourceScope("account-2") });
        var (_, request) = FlushQuiet(2);
        Assert.Equal("account-1", request.Scope.AccountId);
    }

    [Fact]
    public void A_producers_warnings_show_on_the_source_and_reach_the_status_mirror_without_changing_the_status()
    {
        Register(Rules("a", 1, "a.example.com") with { Warnings = ["Ingress/default/a: spec.rules[0]: Service default/web not found; scheme http assumed"] });
        var (first, _) = FlushQuiet(1);
        Assert.Equal(SourceStatus.Accepted, state.Sources["Ingress/default/a"].Status);
        Assert.Single(state.Sources["Ingress/default/a"].Warnings);
        var report = ((MirrorRequest)Complete(first).Starts.Single().Input).Report;
        Assert.Equal(state.Sources["Ingress/default/a"].Warnings, report.Sources.Single().Warnings);
    }

    [Fact]
    public void A_changed_warning_alone_is_a_change_that_syncs_again()
    {
        Register(Rules("a", 1, "a.example.com"));
        var generation = state.Debounce.Generation;
        Register(Rules("a", 2, "a.example.com") with { Warnings = ["Ingress/default/a: now warned"] });
        Assert.Equal(generation + 1, state.Debounce.Generation);
    }
}
