using CfSync.Sync.Activities;
using CfSync.Sync.Budget;
using CfSync.Sync.Entities;
using CfSync.Sync.Orchestrations;
using CfSync.Sync.Sources;
using CfSync.Sync.Status;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Entities;

namespace CfSync.Functions;

/// <summary>
/// The durable triggers: each one hands the work to the same SDK class the local host runs, resolved from DI.
/// Function names are the task names of <see cref="CfSync.Sync.EngineCatalog"/> (a test checks every one has its trigger).
/// </summary>
public sealed class SyncTriggers(
    SyncResourceOrchestration sync,
    MirrorStatusOrchestration mirrorStatus,
    InspectFlightOrchestration inspectFlight,
    ApplyToCloudflareActivity apply,
    MirrorStatusActivity mirror)
{
    /// <summary>Entity names are lower-cased by the runtime: this is the <c>cloudflareresource</c> entity.</summary>
    [Function("CloudflareResource")]
    public static Task CloudflareResource([EntityTrigger] TaskEntityDispatcher dispatcher)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        return dispatcher.DispatchAsync<CloudflareResourceEntity>();
    }

    /// <summary>The <c>kubernetessource</c> entity: one per Kubernetes object we read from.</summary>
    [Function("KubernetesSource")]
    public static Task KubernetesSource([EntityTrigger] TaskEntityDispatcher dispatcher)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        return dispatcher.DispatchAsync<KubernetesSourceEntity>();
    }

    /// <summary>The <c>accountbudget</c> entity: one per Cloudflare token, shared by every worker.</summary>
    [Function("AccountBudget")]
    public static Task AccountBudget([EntityTrigger] TaskEntityDispatcher dispatcher)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        return dispatcher.DispatchAsync<AccountBudgetEntity>();
    }

    [Function(nameof(SyncResourceOrchestration))]
    public Task<SyncOutcome> SyncResource([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return sync.RunAsync(context, context.GetInput<SyncRequest>()!);
    }

    [Function(nameof(MirrorStatusOrchestration))]
    public Task<MirrorOutcome> MirrorResourceStatus([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return mirrorStatus.RunAsync(context, context.GetInput<MirrorRequest>()!);
    }

    [Function(nameof(InspectFlightOrchestration))]
    public Task<FlightInspection> InspectResourceFlight([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return inspectFlight.RunAsync(context, context.GetInput<FlightInspectionRequest>()!);
    }

    [Function(nameof(ApplyToCloudflareActivity))]
    public Task<ApplyResult> ApplyToCloudflare([ActivityTrigger] ApplyRequest request, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return apply.RunAsync(new FunctionActivityContext(nameof(ApplyToCloudflareActivity), context.InvocationId), request);
    }

    [Function(nameof(MirrorStatusActivity))]
    public Task<bool> MirrorStatus([ActivityTrigger] SyncStatusReport report, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return mirror.RunAsync(new FunctionActivityContext(nameof(MirrorStatusActivity), context.InvocationId), report);
    }

    /// <summary>The activity reads instances through the host's client, which Functions hands to a trigger as a binding.</summary>
    [Function(nameof(InspectFlightActivity))]
    public static Task<FlightInspection> InspectFlight([ActivityTrigger] FlightInspectionRequest request, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new InspectFlightActivity(client).RunAsync(new FunctionActivityContext(nameof(InspectFlightActivity), context.InvocationId), request);
    }

    /// <summary>The SDK's activity context for a class run from a Functions trigger.</summary>
    private sealed class FunctionActivityContext(string name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name { get; } = new(name);

        public override string InstanceId { get; } = instanceId;
    }
}
