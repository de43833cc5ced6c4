namespace CfSync.Deploy.Tests;

/// <summary>
/// The queues of a task hub on the Azure Storage provider: one control queue per partition and the work-item queue,
/// named after the hub lower-cased (TaskHubQueueTests checks this against the provider itself).
/// </summary>
internal static class TaskHubQueues
{
    public static IReadOnlyList<string> Names(string hub, int partitions) =>
    [
        .. Enumerable.Range(0, partitions).Select(p => $"{hub.ToLowerInvariant()}-control-{p:00}"),
        $"{hub.ToLowerInvariant()}-workitems",
    ];
}
