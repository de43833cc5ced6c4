using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Options;
using CfSync.Sync.Orchestrations;

namespace CfSync.Sync.Entities;

/// <summary>
/// The durable entity of one Cloudflare resource (see <see cref="ResourceEntityKey"/> for its name and key).
/// Operations are the seed's API; each one runs the <see cref="ResourceSyncMachine"/> and carries out its effects:
/// scheduled self-signals for the debounce and at most one sync orchestration at a time.
/// </summary>
public sealed class CloudflareResourceEntity(IOptions<SyncOptions> options, TimeProvider time) : TaskEntity<ResourceSyncState>
{
    private readonly ResourceSyncMachine machine = new(options.Value);

    public void RegisterConfig(SourceRegistration registration) => Run(machine.Register(State, Key, registration, Now));

    public void RegisterConfigs(IReadOnlyList<SourceRegistration> registrations) => Run(machine.RegisterAll(State, Key, registrations, Now));

    public void RejectConfig(SourceRejection rejection) => Run(machine.Reject(State, Key, rejection, Now));

    public void UnregisterConfig(SourceRemoval removal) => Run(machine.Unregister(State, Key, removal, Now));

    public void RegisterIngressRules(IngressRulesRegistration registration) => Run(machine.RegisterIngressRules(State, Key, registration, Now));

    public void UnregisterIngressRules(SourceRemoval removal) => UnregisterConfig(removal);

    public void SetWarpRouting(WarpRoutingUpdate update) => Run(machine.SetWarpRouting(State, Key, update, Now));

    public void SetFallbackTarget(FallbackTargetUpdate update) => Run(machine.SetFallbackTarget(State, Key, update, Now));

    public void TriggerSync(SyncTrigger? trigger) => Run(machine.Trigger(State, Key, trigger ?? new SyncTrigger(), Now));

    public void Flush(FlushSignal signal) => Run(machine.Flush(State, Key, signal, Now));

    public void SyncCompleted(SyncOutcome outcome) => Run(machine.Complete(State, Key, outcome, Now));

    public ResourceSyncState Get() => State;

    private string Key => Context.Id.Key;

    private DateTimeOffset Now => time.GetUtcNow();

    private void Run(SyncEffects effects)
    {
        foreach (var flush in effects.Flushes)
        {
            Context.SignalEntity(Context.Id, nameof(Flush), flush.Signal, new SignalEntityOptions { SignalTime = flush.At });
        }

        if (effects.Start is var (instanceId, request))
        {
            Context.ScheduleNewOrchestration(
                new TaskName(nameof(SyncResourceOrchestration)),
                request,
                new StartOrchestrationOptions(instanceId));
        }
    }
}
