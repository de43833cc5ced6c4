using DurableTask.Core.Entities.OperationFormat;
using DurableTask.Core.Tracing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;

namespace CfSync.Hosting.Dtfx;

/// <summary>
/// What an entity's operations send during one batch (signals, orchestration starts), in order, as the DTFx actions the
/// shim produces; the runner drops the actions of an operation that failed.
/// </summary>
sealed class BatchEntityContext(EntityInstanceId id, DataConverter converter) : TaskEntityContext
{
    readonly List<OperationAction> actions = [];

    public override EntityInstanceId Id => id;

    public IReadOnlyList<OperationAction> Actions => this.actions;

    /// <summary>The trace context of the operation running now; its actions carry it as their parent.</summary>
    public DistributedTraceContext? ParentTraceContext { get; set; }

    public override void SignalEntity(EntityInstanceId id, string operationName, object? input = null, SignalEntityOptions? options = null)
    {
        if (id == default)
        {
            throw new ArgumentException("The entity id is not set.", nameof(id));
        }

        this.actions.Add(new SendSignalOperationAction
        {
            InstanceId = id.ToString(),
            Name = operationName,
            Input = converter.Serialize(input),
            ScheduledTime = options?.SignalTime?.UtcDateTime,
            RequestTime = DateTimeOffset.UtcNow,
            ParentTraceContext = this.ParentTraceContext,
        });
    }

    public override string ScheduleNewOrchestration(TaskName name, object? input = null, StartOrchestrationOptions? options = null)
    {
        // An instance id starting with '@' names an entity; the SDK refuses it too.
        if (options?.InstanceId is ['@', ..])
        {
            throw new ArgumentException($"'{options.InstanceId}' is an entity id, not an orchestration instance id.", nameof(options));
        }

        string instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        this.actions.Add(new StartNewOrchestrationOperationAction
        {
            Name = name.Name,
            Version = options?.Version ?? string.Empty,
            InstanceId = instanceId,
            Input = converter.Serialize(input),
            ScheduledStartTime = options?.StartAt?.UtcDateTime,
            RequestTime = DateTimeOffset.UtcNow,
            ParentTraceContext = this.ParentTraceContext,
        });
        return instanceId;
    }

    /// <summary>Drops every action after the first <paramref name="count"/>.</summary>
    public void Truncate(int count) => this.actions.RemoveRange(count, this.actions.Count - count);
}
