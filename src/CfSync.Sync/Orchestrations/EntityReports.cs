using CfSync.Sync.Entities;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;

namespace CfSync.Sync.Orchestrations;

/// <summary>How every orchestration of the engine ends: a signal carrying its outcome to the resource's entity.</summary>
internal static class EntityReports
{
    public static Task ReportToEntityAsync(this TaskOrchestrationContext context, string entityKey, string operation, object outcome) =>
        context.Entities.SignalEntityAsync(new EntityInstanceId(ResourceEntityKey.EntityName, entityKey), operation, outcome);
}
