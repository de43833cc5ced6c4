using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;

namespace CfSync.Hosting.Dtfx;

/// <summary>Maps <see cref="DtfxHostOptions"/> onto the Azure Storage provider's settings.</summary>
static class ServiceSettingsFactory
{
    public static AzureStorageOrchestrationServiceSettings Create(DtfxHostOptions options, ILoggerFactory loggerFactory)
    {
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(options.ConnectionString),
            TaskHubName = options.TaskHubName,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            PartitionCount = options.PartitionCount,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
            MaxConcurrentTaskEntityWorkItems = options.MaxConcurrentEntities,
            WorkItemQueueVisibilityTimeout = options.WorkItemQueueVisibilityTimeout,
            ControlQueueVisibilityTimeout = options.ControlQueueVisibilityTimeout,
            ControlQueueBufferThreshold = options.ControlQueueBufferThreshold,
            ControlQueueBatchSize = options.ControlQueueBatchSize,
            MaxEntityOperationBatchSize = options.MaxEntityOperationBatchSize,

            // Without it the provider refuses entity registrations (TaskHubWorker.AddTaskEntities throws).
            UseSeparateQueueForEntityWorkItems = true,
            LoggerFactory = loggerFactory,
        };
        if (options.WorkerId is { } workerId)
        {
            settings.WorkerId = workerId;
        }

        return settings;
    }
}
