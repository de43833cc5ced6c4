using Azure.Storage.Queues;
using CfSync.Testing;
using DurableTask.AzureStorage;

namespace CfSync.Deploy.Tests;

/// <summary>
/// The queues KEDA watches are the ones the task hub really has: the Azure Storage provider (the one Durable Functions
/// runs on) creates a hub with host.json's partition count on Azurite, and its queues are listed. A unique hub name
/// stands in for host.json's, so runs sharing one Azurite never meet; the hub is deleted afterwards.
/// </summary>
public sealed class TaskHubQueueTests
{
    [Fact]
    public async Task The_provider_creates_exactly_the_control_and_work_item_queues_named_after_the_hub()
    {
        var hub = TaskHubNames.Unique("deploy");
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = hub,
            PartitionCount = Repository.PartitionCount,
            StorageAccountClientProvider = new StorageAccountClientProvider(Azurite.ConnectionString),
            UseSeparateQueueForEntityWorkItems = true,
        });
        await service.CreateIfNotExistsAsync();
        try
        {
            var queues = new List<string>();
            await foreach (var queue in new QueueServiceClient(Azurite.ConnectionString).GetQueuesAsync(prefix: hub.ToLowerInvariant()))
            {
                queues.Add(queue.Name);
            }

            Assert.Equal(TaskHubQueues.Names(hub, Repository.PartitionCount).Order(), queues.Order());
        }
        finally
        {
            await service.DeleteAsync();
        }
    }
}
