using CfSync.Sync.Budget;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CfSync.Sync.Entities;

/// <summary>
/// The durable entity of one Cloudflare resource (see <see cref="ResourceEntityKey"/> for its name and key).
/// Operations are what source entities send (register, reject, unregister), sync triggers, and the engine's own
/// self-signals and reports; each one runs the pure machines
/// (<see cref="ResourceSyncMachine"/>, <see cref="StatusMirrorMachine"/>, <see cref="FlightRecovery"/>) and carries out
/// their effects: scheduled self-signals, at most one sync and one mirror orchestration at a time, and log lines.
/// </summary>
public sealed partial class CloudflareResourceEntity(IOptions<SyncOptions> options, IAccountBudgetKeys budgetKeys, TimeProvider time, ILogger<CloudflareResourceEntity> logger) : TaskEntity<ResourceSyncState>
{
    private readonly ResourceSyncMachine machine = new(options.Value);

    public void RegisterConfig(SourceRegistration registration) => Run(machine.Register(State, Key, registration, Now));

    /// <summary>Several sources' registrations in one signal: each applies as its own RegisterConfig, one effect set.</summary>
    public void RegisterConfigs(IReadOnlyList<SourceRegistration> registrations) => Run(machine.Register(State, Key, registrations, Now));

    public void RejectConfig(SourceRejection rejection) => Run(machine.Reject(State, Key, rejection, Now));

    public void UnregisterConfig(SourceRemoval removal) => Run(machine.Unregister(State, Key, removal, Now));

    public void TriggerSync(SyncTrigger? trigger) => Run(machine.Trigger(State, Key, trigger ?? new SyncTrigger(), Now));

    public void Flush(FlushSignal signal) => Run(machine.Flush(State, Key, signal, Now));

    public void SyncCompleted(Orchestrations.SyncOutcome outcome) => Run(machine.Complete(State, Key, outcome, Now));

    public void RetrySync(RetrySignal signal) => Run(machine.RetrySync(State, Key, signal, Now));

    public void CheckDrift(DriftSignal signal) => Run(machine.CheckDrift(State, Key, signal, Now));

    public void MirrorCompleted(Orchestrations.MirrorOutcome outcome) => Run(machine.Mirror.Complete(State, Key, outcome, Now));

    public void RetryMirror(RetrySignal signal) => Run(machine.Mirror.Retry(State, Key, signal, Now));

    public void CheckFlight(FlightCheck check) => Run(Recovery.Check(State, Key, check, Now));

    public void FlightInspected(Orchestrations.FlightInspection inspection) => Run(Recovery.Inspected(State, Key, inspection, Now));

    public void PermitGranted(PermitGrant grant) => Run(machine.PermitGranted(State, Key, grant, Now));

    public void ReaskPermit(PermitReask signal) => Run(machine.ReaskPermit(State, Key, signal, Now));

    public ResourceSyncState Get() => State;

    private FlightRecovery Recovery => new(options.Value, machine);

    private string Key => Context.Id.Key;

    private DateTimeOffset Now => time.GetUtcNow();

    private void Run(SyncEffects effects)
    {
        foreach (var measure in effects.Measures)
        {
            SyncMetrics.Record(measure);
        }

        foreach (var signal in effects.Signals)
        {
            Context.SignalSelf(signal, time.GetUtcNow());
        }

        foreach (var signal in effects.BudgetSignals)
        {
            Context.SignalEntity(AccountBudgetEntity.IdOf(budgetKeys.AccountKey), signal.Operation, signal.Input);
        }

        foreach (var start in effects.Starts)
        {
            Context.ScheduleNewOrchestration(new TaskName(start.Orchestration), start.Input, new StartOrchestrationOptions(start.InstanceId));
        }

        foreach (var notice in effects.Notices)
        {
            switch (notice.Kind)
            {
                case SyncNoticeKind.SyncFailed:
                    SyncFailed(logger, Key, notice.InstanceId, notice.Detail, notice.RetryAt);
                    break;
                case SyncNoticeKind.MirrorFailed:
                    MirrorFailed(logger, Key, notice.InstanceId, notice.Detail, notice.RetryAt);
                    break;
                case SyncNoticeKind.DriftFound:
                    DriftFound(logger, Key, notice.InstanceId, notice.Detail, options.Value.DriftPolicy);
                    break;
                default:
                    FlightRecovered(logger, Key, notice.InstanceId, notice.Detail);
                    break;
            }
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "{Resource}: sync {InstanceId} failed: {Error}; it syncs again on its own at {RetryAt}, or at once on a change")]
    private static partial void SyncFailed(ILogger logger, string resource, string instanceId, string? error, DateTimeOffset? retryAt);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "{Resource}: status mirror {InstanceId} failed: {Error}; written again at {RetryAt}")]
    private static partial void MirrorFailed(ILogger logger, string resource, string instanceId, string? error, DateTimeOffset? retryAt);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "{Resource}: drift check {InstanceId} found Cloudflare changed outside CfSync: {Drift} (policy {Policy})")]
    private static partial void DriftFound(ILogger logger, string resource, string instanceId, string? drift, DriftPolicy policy);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "{Resource}: recovered from {InstanceId}: {Detail}")]
    private static partial void FlightRecovered(ILogger logger, string resource, string instanceId, string? detail);
}
