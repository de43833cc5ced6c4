using CfSync.Core.Fragments;
using CfSync.Core.Sources;
using CfSync.Core.Tunnels;
using CfSync.Sync.Entities;
using CfSync.Sync.Orchestrations;

namespace CfSync.Sync.Tests;

/// <summary>
/// Nothing an entity waits for can hold it for good: failed syncs retry on their own, a failing status mirror never
/// blocks a sync, and a flight whose outcome never comes is inspected and recovered.
/// </summary>
public sealed class RecoveryMachineTests
{
    private const string Key = "TunnelConfiguration:tunnel-1";
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SyncOptions Options = new() { AccountBudget = { Enabled = false } };

    private readonly ResourceSyncMachine machine = new(Options);
    private readonly ResourceSyncState state = new();

    private FlightRecovery Recovery => new(Options, machine);

    private static DateTimeOffset At(TimeSpan offset) => T0 + offset;

    private string StartSync(int sequence = 1, double seconds = 0)
    {
        machine.Register(state, Key, new SourceRegistration(new Source("Ingress", "default", "a"), new SourceVersion("uid-a", sequence),
            new IngressRulesFragment([new IngressRule($"a{sequence}.example.com", null, "http://web:80")])), T0.AddSeconds(seconds));
        return machine.Trigger(state, Key, new SyncTrigger(), T0.AddSeconds(seconds)).Sync!.Value.InstanceId;
    }

    private SyncEffects Complete(string instanceId, bool succeeded, TimeSpan at) =>
        machine.Complete(state, Key, new SyncOutcome(instanceId, succeeded, succeeded, state.ConfigHash, succeeded ? null : "HTTP 503", 3, At(at)), At(at));

    private static T Scheduled<T>(SyncEffects effects, string operation) =>
        (T)effects.Signals.Single(s => s.Operation == operation).Input;

    [Fact]
    public void A_failed_sync_retries_on_its_own_with_a_capped_backoff()
    {
        var first = StartSync();
        var effects = Complete(first, succeeded: false, TimeSpan.FromSeconds(5));
        Assert.Equal(SyncStatus.Failed, state.SyncStatus);
        var retry = effects.Signals.Single(s => s.Operation == nameof(CloudflareResourceEntity.RetrySync));
        Assert.Equal(At(TimeSpan.FromSeconds(5)) + Options.FirstFailedRetryDelay, retry.At);
        Assert.Equal(SyncNoticeKind.SyncFailed, Assert.Single(effects.Notices).Kind);

        var again = machine.RetrySync(state, Key, (RetrySignal)retry.Input, retry.At).Sync;
        Assert.NotNull(again);
        Assert.True(again!.Value.Request.Apply);

        // Failures double the delay, up to the cap.
        for (var i = 0; i < 10; i++)
        {
            var next = Complete(state.InFlight!.InstanceId, succeeded: false, TimeSpan.FromHours(i + 1));
            var signal = next.Signals.Single(s => s.Operation == nameof(CloudflareResourceEntity.RetrySync));
            Assert.True(signal.At - At(TimeSpan.FromHours(i + 1)) <= Options.MaxFailedRetryDelay);
            machine.RetrySync(state, Key, (RetrySignal)signal.Input, signal.At);
        }

        Assert.Equal(Options.MaxFailedRetryDelay, state.NextRetryAt - At(TimeSpan.FromHours(10)));
    }

    [Fact]
    public void A_retry_made_stale_by_a_newer_sync_does_nothing_and_success_clears_the_failures()
    {
        var first = StartSync();
        var retry = Scheduled<RetrySignal>(Complete(first, succeeded: false, TimeSpan.FromSeconds(5)), nameof(CloudflareResourceEntity.RetrySync));
        var second = StartSync(sequence: 2, seconds: 10); // a change syncs at once, without waiting for the backoff
        Complete(second, succeeded: true, TimeSpan.FromSeconds(11));
        Assert.Equal(SyncStatus.Synced, state.SyncStatus);
        Assert.Equal(0, state.ConsecutiveFailures);
        Assert.Null(state.NextRetryAt);
        Assert.Null(machine.RetrySync(state, Key, retry, At(TimeSpan.FromMinutes(1))).Sync);
    }

    [Fact]
    public void Every_outcome_is_mirrored_by_its_own_orchestration_and_a_sync_never_waits_for_it()
    {
        var first = StartSync();
        var start = Assert.Single(Complete(first, succeeded: true, TimeSpan.FromSeconds(5)).Starts);
        Assert.Equal(nameof(MirrorStatusOrchestration), start.Orchestration);
        var report = ((MirrorRequest)start.Input).Report;
        Assert.Equal(SyncStatus.Synced, report.Status);
        Assert.Equal(state.ConfigHash, report.ConfigHash);
        Assert.Equal(state.Desired, report.Desired);

        // The mirror still runs; the next sync starts and completes regardless, and its outcome waits its turn.
        var second = StartSync(sequence: 2, seconds: 6);
        Assert.Empty(Complete(second, succeeded: true, TimeSpan.FromSeconds(7)).Starts);
        Assert.True(state.Mirror.Pending);

        var next = Assert.Single(machine.Mirror.Complete(state, Key, new MirrorOutcome(start.InstanceId, true, null), At(TimeSpan.FromSeconds(8))).Starts);
        Assert.Contains("a2.example.com", ((MirrorRequest)next.Input).Report.Desired!.Json, StringComparison.Ordinal);
        Assert.False(state.Mirror.Pending);
    }

    [Fact]
    public void A_failed_mirror_is_recorded_and_written_again_later_with_the_latest_outcome()
    {
        var mirror = Assert.Single(Complete(StartSync(), succeeded: true, TimeSpan.FromSeconds(5)).Starts).InstanceId;
        var failed = machine.Mirror.Complete(state, Key, new MirrorOutcome(mirror, false, "HTTP 403 on Ingress/default/a"), At(TimeSpan.FromSeconds(6)));
        Assert.Equal("HTTP 403 on Ingress/default/a", state.Mirror.LastError);
        Assert.Equal(SyncNoticeKind.MirrorFailed, Assert.Single(failed.Notices).Kind);
        var retry = failed.Signals.Single(s => s.Operation == nameof(CloudflareResourceEntity.RetryMirror));
        Assert.Equal(At(TimeSpan.FromSeconds(6)) + Options.FirstMirrorRetryDelay, retry.At);

        var again = Assert.Single(machine.Mirror.Retry(state, Key, (RetrySignal)retry.Input, retry.At).Starts);
        machine.Mirror.Complete(state, Key, new MirrorOutcome(again.InstanceId, true, null), retry.At.AddSeconds(1));
        Assert.Null(state.Mirror.LastError);
        Assert.Equal(retry.At.AddSeconds(1), state.Mirror.LastMirroredAt);

        // The retry of the first failure is stale now.
        Assert.Empty(machine.Mirror.Retry(state, Key, (RetrySignal)retry.Input, retry.At.AddMinutes(1)).Starts);
    }

    [Fact]
    public void Every_flight_is_checked_when_its_lease_runs_out_and_the_lease_derives_from_the_retry_schedule()
    {
        StartSync();
        var check = state.InFlight!;
        Assert.Equal(Options.RetrySchedule.TotalDelay + (Options.ApplyTimeout * Options.MaxAttempts) + Options.MaxRateLimitWait + Options.LeaseMargin, check.LeaseUntil - check.StartedAt);

        var effects = Recovery.Check(state, Key, new FlightCheck(check.InstanceId, 0), check.LeaseUntil);
        var inspection = (FlightInspectionRequest)Assert.Single(effects.Starts).Input;
        Assert.Equal((check.InstanceId, FlightKind.Sync, false), (inspection.InstanceId, inspection.Kind, inspection.Terminate));
        Assert.Equal(check.LeaseUntil + Options.InspectionLease, Assert.Single(effects.Signals).At);

        // The first check is spent: delivered again, it does nothing.
        Assert.Empty(Recovery.Check(state, Key, new FlightCheck(check.InstanceId, 0), check.LeaseUntil).Starts);
    }

    [Fact]
    public void A_flight_still_running_gets_a_new_lease_and_one_that_outlives_twice_its_lease_is_terminated()
    {
        var instance = StartSync();
        var lease = Options.SyncLease;
        Recovery.Check(state, Key, new FlightCheck(instance, 0), At(lease));
        var extended = Recovery.Inspected(state, Key, new FlightInspection(instance, FlightKind.Sync, FlightState.Running, "Running"), At(lease));
        var next = Assert.Single(extended.Signals);
        Assert.Equal(At(lease * 2), next.At);
        Assert.Equal(instance, state.InFlight!.InstanceId);

        var late = Recovery.Check(state, Key, (FlightCheck)next.Input, At(lease * 2) + TimeSpan.FromSeconds(1));
        Assert.True(((FlightInspectionRequest)Assert.Single(late.Starts).Input).Terminate);
    }

    [Fact]
    public void A_terminated_or_missing_sync_is_forgotten_and_the_entity_syncs_again()
    {
        var instance = StartSync();
        Recovery.Check(state, Key, new FlightCheck(instance, 0), At(Options.SyncLease));
        var effects = Recovery.Inspected(state, Key, new FlightInspection(instance, FlightKind.Sync, FlightState.Ended, "Terminated"), At(Options.SyncLease));
        var again = effects.Sync;
        Assert.NotNull(again);
        Assert.NotEqual(instance, again!.Value.InstanceId);
        Assert.True(again.Value.Request.Apply);
        Assert.Equal(SyncNoticeKind.FlightRecovered, Assert.Single(effects.Notices).Kind);
        Assert.Contains("Terminated", state.LastError, StringComparison.Ordinal);

        // The lost outcome arriving after all changes nothing.
        Assert.Empty(Complete(instance, succeeded: true, At(Options.SyncLease).AddSeconds(1) - T0).Starts);
        Assert.Equal(again.Value.InstanceId, state.InFlight!.InstanceId);
    }

    [Fact]
    public void A_completed_sync_whose_report_was_lost_gives_its_outcome_through_the_inspection()
    {
        var instance = StartSync();
        Recovery.Check(state, Key, new FlightCheck(instance, 0), At(Options.SyncLease));
        var outcome = new SyncOutcome(instance, true, true, state.ConfigHash, null, 1, At(TimeSpan.FromSeconds(3)));
        Recovery.Inspected(state, Key, new FlightInspection(instance, FlightKind.Sync, FlightState.Completed, "completed", outcome), At(Options.SyncLease));
        Assert.Null(state.InFlight);
        Assert.Equal(SyncStatus.Synced, state.SyncStatus);
        Assert.Equal(state.ConfigHash, state.LastAppliedHash);
    }

    [Fact]
    public void A_lost_mirror_counts_as_failed_and_is_written_again_after_the_backoff()
    {
        var mirror = Assert.Single(Complete(StartSync(), succeeded: true, TimeSpan.FromSeconds(5)).Starts).InstanceId;
        var at = At(TimeSpan.FromSeconds(5) + Options.MirrorLease);
        var check = Recovery.Check(state, Key, new FlightCheck(mirror, 0), at);
        Assert.Equal(FlightKind.Mirror, ((FlightInspectionRequest)Assert.Single(check.Starts).Input).Kind);
        var effects = Recovery.Inspected(state, Key, new FlightInspection(mirror, FlightKind.Mirror, FlightState.Ended, "not found"), at);
        Assert.Null(state.Mirror.InFlight);
        Assert.Contains("not found", state.Mirror.LastError, StringComparison.Ordinal);
        Assert.Contains(effects.Signals, s => s.Operation == nameof(CloudflareResourceEntity.RetryMirror));
    }

    [Fact]
    public void An_inspection_that_failed_leaves_the_flight_to_the_next_check()
    {
        var instance = StartSync();
        var effects = Recovery.Check(state, Key, new FlightCheck(instance, 0), At(Options.SyncLease));
        var recheck = (FlightCheck)Assert.Single(effects.Signals).Input;
        Assert.Empty(Recovery.Inspected(state, Key, new FlightInspection(instance, FlightKind.Sync, FlightState.Unknown, "storage timeout"), At(Options.SyncLease)).Starts);
        Assert.Single(Recovery.Check(state, Key, recheck, At(Options.SyncLease + Options.InspectionLease)).Starts);
    }
}
