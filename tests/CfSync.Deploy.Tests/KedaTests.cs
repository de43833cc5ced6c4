using System.Text.Json.Nodes;
using CfSync.Testing;
using CfSync.Watchers.Changes;
using Microsoft.Extensions.Configuration;

namespace CfSync.Deploy.Tests;

/// <summary>
/// The ScaledObject scales the worker Deployment on exactly the queues its functions consume: the change queue the
/// bridge writes and the task hub's control and work-item queues (hub and partition count from host.json).
/// </summary>
public sealed class KedaTests
{
    [Theory]
    [MemberData(nameof(Overlay.Names), MemberType = typeof(Overlay))]
    public void The_worker_scales_on_the_change_queue_and_the_task_hubs_queues(string name)
    {
        var overlay = Overlay.Of(name);
        var scaled = overlay.OfKind("ScaledObject").Single();
        var target = overlay.Get("Deployment", (string)scaled["spec"]!["scaleTargetRef"]!["name"]!);
        Assert.Equal("cfsync-worker", Overlay.NameOf(target));

        // KEDA owns the replica count: a count in the Deployment would fight it at every apply.
        Assert.Null(target["spec"]!["replicas"]);

        var changes = overlay.Environment(overlay.Get("Deployment", "cfsync-bridge")).GetSection(ChangeQueueOptions.Section).Get<ChangeQueueOptions>()!.Queue;
        var triggers = scaled["spec"]!["triggers"]!.AsArray().Select(t => t!.AsObject()).ToList();
        Assert.All(triggers, t => Assert.Equal("azure-queue", (string?)t["type"]));
        Assert.Equal(
            TaskHubQueues.Names(Repository.HubName, Repository.PartitionCount).Append(changes).Order(),
            triggers.Select(t => (string)t["metadata"]!["queueName"]!).Order());
    }

    [Theory]
    [MemberData(nameof(Overlay.Names), MemberType = typeof(Overlay))]
    public void Every_trigger_authenticates_with_the_storage_secret(string name)
    {
        var overlay = Overlay.Of(name);
        var triggers = overlay.OfKind("ScaledObject").Single()["spec"]!["triggers"]!.AsArray();
        var authentication = Assert.Single(triggers.Select(t => (string)t!["authenticationRef"]!["name"]!).Distinct());
        var reference = Assert.Single(overlay.Get("TriggerAuthentication", authentication)["spec"]!["secretTargetRef"]!.AsArray())!;
        Assert.Equal("connection", (string?)reference["parameter"]);

        // The same Secret and key the Functions host reads its storage account from.
        var storage = Overlay.App(overlay.Get("Deployment", "cfsync-worker"))["env"]!.AsArray()
            .Single(e => (string?)e!["name"] == "AzureWebJobsStorage")!["valueFrom"]!["secretKeyRef"]!;
        Assert.Equal(((string?)storage["name"], (string?)storage["key"]), ((string?)reference["name"], (string?)reference["key"]));
    }

    /// <summary>
    /// Entities and orchestrations run only where their control-queue partition is leased: replicas beyond the
    /// partition count would hold none. One stays, so that durable timers fire on time (docs/deploy.md).
    /// </summary>
    [Fact]
    public void Replicas_range_from_one_to_the_partition_count()
    {
        var spec = Overlay.Of("production").OfKind("ScaledObject").Single()["spec"]!;
        Assert.Equal(1, (int?)spec["minReplicaCount"]);
        Assert.Equal(Repository.PartitionCount, (int?)spec["maxReplicaCount"]);
    }
}
