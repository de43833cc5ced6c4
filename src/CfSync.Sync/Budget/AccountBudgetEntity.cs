using CfSync.Sync.Entities;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Options;

namespace CfSync.Sync.Budget;

/// <summary>
/// The durable entity of one Cloudflare account's budget, shared by every worker: entity name <c>accountbudget</c>,
/// key the token's label (<see cref="IAccountBudgetKeys"/>). Resource entities ask it for permits before a sync calls
/// Cloudflare and settle what they spent; sync orchestrations close its gate on a 429. It runs
/// <see cref="AccountBudgetMachine"/> and sends the grants to the resource entities.
/// </summary>
public sealed class AccountBudgetEntity(IOptions<SyncOptions> options, TimeProvider time) : TaskEntity<AccountBudgetState>
{
    /// <summary>Entity names are lower-case in the SDK; DTFx looks them up case-sensitively.</summary>
    public const string EntityName = "accountbudget";

    private readonly AccountBudgetMachine machine = new(options.Value.AccountBudget);

    public void RequestPermit(PermitRequest request) => Run(machine.Request(State, request, Now));

    public void SettlePermit(PermitSettlement settlement) => Run(machine.Settle(State, settlement, Now));

    public void Pause(BudgetPause pause) => Run(machine.Pause(State, pause, Now));

    public void Dispatch(DispatchSignal signal) => Run(machine.Dispatch(State, signal, Now));

    public AccountBudgetState Get() => State;

    /// <summary>The budget entity of <paramref name="accountKey"/>.</summary>
    public static EntityInstanceId IdOf(string accountKey) => new(EntityName, accountKey);

    private DateTimeOffset Now => time.GetUtcNow();

    private void Run(BudgetEffects effects)
    {
        foreach (var (resource, grant) in effects.Grants)
        {
            Context.SignalEntity(new EntityInstanceId(ResourceEntityKey.EntityName, resource), nameof(CloudflareResourceEntity.PermitGranted), grant);
        }

        if (effects.DispatchAt is { } at)
        {
            Context.SignalSelf(new ScheduledSignal(nameof(Dispatch), new DispatchSignal(at), at), Now);
        }
    }
}
