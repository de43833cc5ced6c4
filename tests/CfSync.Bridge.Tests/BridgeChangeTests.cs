using System.Text.Json.Nodes;
using k8s.Models;
using CfSync.Bridge.Health;
using CfSync.Kubernetes.DevCluster;
using CfSync.Testing;
using CfSync.Watchers.Changes;

namespace CfSync.Bridge.Tests;

public sealed class BridgeChangeTests
{
    [Fact]
    public async Task Created_modified_and_deleted_objects_become_messages_naming_the_object_and_its_version()
    {
        await using var server = await TestCluster.StartAsync();
        using var client = server.CreateClient();
        var before = await client.CreateServiceAsync("before");
        await using var bridge = await RunningBridge.StartAsync(server);
        await bridge.WaitReadyLeaderAsync();

        // What existed before the bridge started is reported as Resync, then the first sweep follows.
        var resynced = await bridge.Queue.WaitForAsync(c => c.Name == "before", "the Service that existed before");
        Assert.Equal(new ObjectChange("", "Service", "default", "before", before.Metadata.Uid, before.Metadata.ResourceVersion, ChangeType.Resync), resynced);
        await bridge.Queue.WaitForSweepsAsync(1);

        var created = await client.CreateServiceAsync("web");
        Assert.Equal(
            new ObjectChange("", "Service", "default", "web", created.Metadata.Uid, created.Metadata.ResourceVersion, ChangeType.Added),
            await bridge.Queue.WaitForAsync(c => c.Name == "web" && c.Type == ChangeType.Added, "web Added"));

        var modified = await client.RelabelServiceAsync("web", "two");
        Assert.Equal(
            new ObjectChange("", "Service", "default", "web", created.Metadata.Uid, modified.Metadata.ResourceVersion, ChangeType.Modified),
            await bridge.Queue.WaitForAsync(c => c.Name == "web" && c.Type == ChangeType.Modified, "web Modified"));

        await client.DeleteServiceAsync("web");
        var deleted = await bridge.Queue.WaitForAsync(c => c.Name == "web" && c.Type == ChangeType.Deleted, "web Deleted");
        Assert.Equal(created.Metadata.Uid, deleted.Uid);
        Assert.True(long.Parse(deleted.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(modified.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture));

        // A cluster-scoped custom resource: its group and kind, no namespace.
        var tunnel = await client.CreateClusterTunnelAsync("edge");
        Assert.Equal(
            new ObjectChange(Objects.OperatorGroup, "ClusterTunnel", null, "edge", (string?)tunnel["metadata"]!["uid"], (string)tunnel["metadata"]!["resourceVersion"]!, ChangeType.Added),
            await bridge.Queue.WaitForAsync(c => c.Name == "edge", "the ClusterTunnel"));

        Assert.True(bridge.Metrics.EventsSeen >= 4, $"events seen: {bridge.Metrics.EventsSeen}");
        Assert.True(bridge.Metrics.ChangesEnqueued >= 5, $"changes enqueued: {bridge.Metrics.ChangesEnqueued}");
        await Eventually.AssertAsync(async () =>
        {
            await bridge.Queue.DrainAsync();
            Assert.Equal(bridge.Metrics.MessagesSent, bridge.Queue.Raw.Count);
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task While_the_queues_oldest_message_has_waited_MaxQueueLag_the_bridge_holds_back_and_then_sends_each_object_once()
    {
        await using var server = await TestCluster.StartAsync();
        using var client = server.CreateClient();
        await using var bridge = await RunningBridge.StartAsync(server, settings: new Dictionary<string, string?> { ["CfSync:Bridge:MaxQueueLag"] = "00:00:01" });
        await bridge.WaitReadyLeaderAsync();
        await bridge.Queue.WaitForSweepsAsync(1);

        // The watchers are behind: the message of the new Service stays in the queue past the bound (the queue's own clock).
        var sent = bridge.Metrics.MessagesSent;
        await client.CreateServiceAsync("web");
        await Eventually.TrueAsync(() => Task.FromResult(bridge.Metrics.MessagesSent == sent + 1), TimeSpan.FromSeconds(10), "the Added message");
        await Task.Delay(TimeSpan.FromSeconds(2));

        V1Service last = null!;
        foreach (var label in new[] { "one", "two", "three", "four", "five" })
        {
            last = await client.RelabelServiceAsync("web", label);
        }

        await Eventually.TrueAsync(() => Task.FromResult(bridge.Metrics.Holds >= 1 && bridge.Metrics.ChangesCoalesced >= 4), TimeSpan.FromSeconds(10), "a hold, and the edits coalesced");
        Assert.Equal(sent + 1, bridge.Metrics.MessagesSent);

        // The watchers take the backlog: the bridge sends the object once, as it is now.
        var latest = await bridge.Queue.WaitForAsync(c => c.Name == "web" && c.ResourceVersion == last.Metadata.ResourceVersion, "web at its last version");
        Assert.Equal(ChangeType.Modified, latest.Type);
        Assert.Equal([ChangeType.Added, ChangeType.Modified], bridge.Queue.Changes.Where(c => c.Name == "web").Select(c => c.Type));
    }

    [Fact]
    public async Task A_write_of_an_Ingress_status_or_finalizers_only_is_not_enqueued_and_a_tunnel_status_write_is()
    {
        await using var server = await TestCluster.StartAsync();
        using var client = server.CreateClient();
        await using var bridge = await RunningBridge.StartAsync(server);
        await bridge.WaitReadyLeaderAsync();

        await client.CreateIngressAsync("web");
        await bridge.Queue.WaitForAsync(c => c.Name == "web" && c.Type == ChangeType.Added, "web Added");

        // Each write seen and nothing pending before the next, so that the outbox cannot merge one into the next.
        async Task<string> SeenAsync(Func<Task<k8s.Models.V1Ingress>> write)
        {
            var before = bridge.Metrics.EventsSeen;
            var written = await write();
            await Eventually.AssertAsync(() =>
            {
                Assert.True(bridge.Metrics.EventsSeen > before, $"events seen: {bridge.Metrics.EventsSeen}, resourceVersion {written.Metadata.ResourceVersion}");
                Assert.Equal(0, bridge.Status.PendingChanges());
                return Task.CompletedTask;
            }, TimeSpan.FromSeconds(10));
            return written.Metadata.ResourceVersion;
        }

        string[] echoes = [await SeenAsync(() => client.SetIngressFinalizerAsync("web", "cfsync.io/finalizer")), await SeenAsync(() => client.SetIngressHostnameAsync("web", "edge.example.com"))];
        var edited = await SeenAsync(() => client.SetIngressClassAsync("web", "other"));
        var modified = await bridge.Queue.WaitForAsync(c => c.Name == "web" && c.Type == ChangeType.Modified, "web Modified");

        Assert.Equal(edited, modified.ResourceVersion);
        Assert.DoesNotContain(bridge.Queue.Changes, c => echoes.Contains(c.ResourceVersion));
        Assert.Equal(2, bridge.Metrics.EventsUnchanged);

        // A tunnel's id arrives in its status: that write is a change like any other.
        await client.CreateClusterTunnelAsync("edge");
        await client.SetClusterTunnelIdAsync("edge", "tunnel-id");
        await bridge.Queue.WaitForAsync(c => c.Name == "edge" && c.Type == ChangeType.Modified, "the ClusterTunnel's status write");
    }

    [Fact]
    public async Task No_message_carries_object_content_or_a_Secret()
    {
        await using var server = await TestCluster.StartAsync();
        using var client = server.CreateClient();
        await using var bridge = await RunningBridge.StartAsync(server);
        await bridge.WaitReadyLeaderAsync();

        await client.CreateSecretAsync("token");
        await client.CreateServiceAsync("holds-marker");
        await client.CreateClusterTunnelAsync("tunnel-with-marker");
        await bridge.Queue.WaitForAsync(c => c.Name == "holds-marker", "the Service");
        await bridge.Queue.WaitForAsync(c => c.Name == "tunnel-with-marker", "the ClusterTunnel");

        Assert.All(bridge.Queue.Raw, raw => Assert.DoesNotContain(Objects.Marker, raw, StringComparison.Ordinal));
        Assert.DoesNotContain(bridge.Queue.Changes, c => c.Kind == "Secret");
        string[] fields = ["group", "kind", "namespace", "name", "uid", "resourceVersion", "type"];
        foreach (var change in bridge.Queue.Raw.SelectMany(raw => JsonNode.Parse(raw)!["changes"]!.AsArray()))
        {
            Assert.Equal(fields, change!.AsObject().Select(p => p.Key));
        }
    }

    [Fact]
    public async Task A_kind_the_cluster_does_not_serve_does_not_stop_the_others()
    {
        var withoutGatewayApi = new ApiResourceTable(ApiResourceTable.Default.Resources.Where(r => r.Group != "gateway.networking.k8s.io"));
        await using var server = await TestCluster.StartAsync(new TestApiServerOptions { Resources = withoutGatewayApi });
        using var client = server.CreateClient();
        await using var bridge = await RunningBridge.StartAsync(server);

        // Ready: the kinds that are served are synced; the others are known not to be served.
        await bridge.WaitReadyLeaderAsync();
        var states = bridge.Status.Kinds().ToDictionary(k => k.Kind, k => k.State);
        Assert.Equal(KindState.NotServed, states["Gateway.gateway.networking.k8s.io"]);
        Assert.Equal(KindState.NotServed, states["HTTPRoute.gateway.networking.k8s.io"]);
        Assert.Equal(KindState.Synced, states["Service"]);
        Assert.Equal(KindState.Synced, states["Ingress.networking.k8s.io"]);

        await client.CreateServiceAsync("still-watched");
        await bridge.Queue.WaitForAsync(c => c.Name == "still-watched" && c.Type == ChangeType.Added, "a Service while Gateway API is not served");
        var readiness = await bridge.Http.GetStringAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Contains("Gateway.gateway.networking.k8s.io NotServed", readiness, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_are_served_as_Prometheus_text()
    {
        await using var server = await TestCluster.StartAsync();
        using var client = server.CreateClient();
        await using var bridge = await RunningBridge.StartAsync(server);
        await bridge.WaitReadyLeaderAsync();
        await client.CreateServiceAsync("counted");
        await bridge.Queue.WaitForAsync(c => c.Name == "counted", "the Service");

        Assert.Equal("ok\n", await bridge.Http.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
        string metrics = "";
        await Eventually.AssertAsync(async () =>
        {
            metrics = await bridge.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            Assert.Contains($"cfsync_bridge_messages_sent_total {bridge.Metrics.MessagesSent}\n", metrics, StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(10));
        Assert.Contains("# TYPE cfsync_bridge_events_seen_total counter\ncfsync_bridge_events_seen_total 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("cfsync_bridge_leader 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("cfsync_bridge_kind_synced{kind=\"Service\",state=\"Synced\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE cfsync_bridge_lag_seconds gauge\n", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_queue_depth_gauge_shows_messages_no_watcher_has_read()
    {
        await using var server = await TestCluster.StartAsync();
        using var client = server.CreateClient();
        await using var bridge = await RunningBridge.StartAsync(server, settings: new Dictionary<string, string?> { ["CfSync:Bridge:QueueDepthInterval"] = "00:00:00.200" });
        await bridge.WaitReadyLeaderAsync();
        await client.CreateServiceAsync("waiting");
        await Eventually.TrueAsync(() => Task.FromResult(bridge.Metrics.MessagesSent > 0), TimeSpan.FromSeconds(10), "a message sent");

        // Nothing has read the queue yet, so every message sent is still in it.
        await Eventually.AssertAsync(async () =>
        {
            var metrics = await bridge.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            Assert.Contains($"cfsync_bridge_queue_depth {bridge.Metrics.MessagesSent}\n", metrics, StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(10));

        await bridge.Queue.WaitForAsync(c => c.Name == "waiting", "the Service");
        await Eventually.AssertAsync(async () =>
            Assert.Contains("cfsync_bridge_queue_depth 0\n", await bridge.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative)), StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
    }
}
