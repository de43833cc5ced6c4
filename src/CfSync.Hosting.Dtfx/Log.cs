using Microsoft.Extensions.Logging;

namespace CfSync.Hosting.Dtfx;

// Structured events of the local host. The connection string is never a parameter: it carries the account key.
static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Starting DTFx host on task hub {TaskHub} (worker {WorkerId}, {PartitionCount} partitions, queue polling <= {PollingMs} ms)")]
    public static partial void Starting(ILogger logger, string taskHub, string workerId, int partitionCount, double pollingMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Registered {Kind} {Name} -> {Type}")]
    public static partial void Registered(ILogger logger, TaskKind kind, string name, string type);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "DTFx host on task hub {TaskHub} started in {ElapsedMs} ms")]
    public static partial void Started(ILogger logger, string taskHub, long elapsedMs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Stopping DTFx host on task hub {TaskHub} (graceful: {Graceful})")]
    public static partial void Stopping(ILogger logger, string taskHub, bool graceful);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
        Message = "Graceful stop of task hub {TaskHub} was cancelled; forcing it")]
    public static partial void GracefulStopCancelled(ILogger logger, string taskHub);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning,
        Message = "Task hub {TaskHub}: the worker did not stop within {GraceMs} ms of being cut off (storage unreachable?); leaving it")]
    public static partial void StopAbandoned(ILogger logger, string taskHub, double graceMs);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "DTFx host on task hub {TaskHub} stopped in {ElapsedMs} ms")]
    public static partial void Stopped(ILogger logger, string taskHub, long elapsedMs);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Deleted task hub {TaskHub}")]
    public static partial void TaskHubDeleted(ILogger logger, string taskHub);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning,
        Message = "Entity {EntityId}: operation {Operation} failed; its changes and messages are dropped, the rest of the batch goes on")]
    public static partial void EntityOperationFailed(ILogger logger, Exception exception, string entityId, string operation);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning,
        Message = "Work item {InstanceId}: checkpointed, but some of its queue messages were handed out again before they were deleted (held past ControlQueueVisibilityTimeout); they are delivered again as duplicates")]
    public static partial void MessagesRedelivered(ILogger logger, string instanceId);
}
