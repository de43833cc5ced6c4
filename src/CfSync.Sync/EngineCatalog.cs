using CfSync.Sync.Activities;
using CfSync.Sync.Budget;
using CfSync.Sync.Entities;
using CfSync.Sync.Orchestrations;
using CfSync.Sync.Sources;

namespace CfSync.Sync;

public enum EngineTaskKind
{
    Entity,
    Orchestrator,
    Activity,
}

/// <summary>One Durable Task SDK class of the engine and the name every host runs it under.</summary>
public sealed record EngineTask(EngineTaskKind Kind, string Name, Type Type);

/// <summary>
/// The engine's tasks, listed once: <see cref="SyncServiceCollectionExtensions.AddCfSyncEngine(Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration)"/>
/// registers their classes, the local host registers them with DTFx under these names, and a test checks that the
/// Functions app has a trigger of the right kind for each (entity names are lower-case: the Functions host lower-cases
/// an entity function's name).
/// </summary>
public static class EngineCatalog
{
    public static IReadOnlyList<EngineTask> Tasks { get; } =
    [
        new(EngineTaskKind.Entity, ResourceEntityKey.EntityName, typeof(CloudflareResourceEntity)),
        new(EngineTaskKind.Entity, SourceClient.EntityName, typeof(KubernetesSourceEntity)),
        new(EngineTaskKind.Entity, AccountBudgetEntity.EntityName, typeof(AccountBudgetEntity)),
        new(EngineTaskKind.Orchestrator, nameof(SyncResourceOrchestration), typeof(SyncResourceOrchestration)),
        new(EngineTaskKind.Orchestrator, nameof(MirrorStatusOrchestration), typeof(MirrorStatusOrchestration)),
        new(EngineTaskKind.Orchestrator, nameof(InspectFlightOrchestration), typeof(InspectFlightOrchestration)),
        new(EngineTaskKind.Activity, nameof(ApplyToCloudflareActivity), typeof(ApplyToCloudflareActivity)),
        new(EngineTaskKind.Activity, nameof(MirrorStatusActivity), typeof(MirrorStatusActivity)),
        new(EngineTaskKind.Activity, nameof(InspectFlightActivity), typeof(InspectFlightActivity)),
    ];
}
