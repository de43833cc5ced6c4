using CfSync.Bridge.Health;
using CfSync.Kubernetes.DevCluster;
using CfSync.Testing;
using CfSync.Watchers.Changes;

namespace CfSync.Bridge.Tests;

public sealed class BridgeReconnectTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_watch_expired_with_410_relists_and_an_object_deleted_meanwhile_comes_out_Deleted()
    {
        await using var server = await TestCluster.StartAsync(new TestApiServerOptions { HistoryLimit = 5 });
        using var client = server.CreateClient();
        var doomed = await client.CreateServiceAsync("doomed");
        await client.CreateServiceAsync("kept");
        await using var bridge = await RunningBridge.StartAsync(server);
        await bridge.WaitReadyLeaderAsync();
        await bridge.Queue.WaitForAsync(c => c.Name == "kept", "the initial Resync");

        // The Service watch drops and cannot come back while the object is deleted and the history moves past it.
        using (server.InjectFault(new ApiFault("watch", "services", 503) { Group = "" }))
        {
            await server.StopAsync();
            await server.RestartAsync();
            await Eventually.TrueAsync(() => Task.FromResult(bridge.Status.Kinds().Single(k => k.Kind == "Service").State == KindState.Retrying), Patience, "the Service watch to fail");
            await client.DeleteServiceAsync("doomed");
            for (var i = 0; i < 10; i++)
            {
                await client.CreateServiceAsync($"filler-{i}");
            }
        }

        var deleted = await bridge.Queue.WaitForAsync(c => c.Name == "doomed" && c.Type == ChangeType.Deleted, "doomed Deleted after the relist");
        Assert.Equal(doomed.Metadata.Uid, deleted.Uid);
        await bridge.Queue.WaitForAsync(c => c.Name == "filler-9" && c.Type == ChangeType.Added, "a Service created while the watch was down");
        Assert.True(bridge.Metrics.Relists >= 1);
        Assert.DoesNotContain(bridge.Queue.Changes, c => c.Name == "kept" && c.Type != ChangeType.Resync);
    }

    [Fact]
    public async Task The_API_server_stopped_and_restarted_the_watch_resumes_from_its_resourceVersion_and_nothing_is_lost()
    {
        await using var server = await TestCluster.StartAsync();
        using var client = server.CreateClient();
        await client.CreateServiceAsync("edited");
        await client.CreateServiceAsync("removed");
        await using var bridge = await RunningBridge.StartAsync(server);
        await bridge.WaitReadyLeaderAsync();
        await bridge.Queue.WaitForSweepsAsync(1);

        await server.StopAsync();
        await Eventually.TrueAsync(() => Task.FromResult(bridge.Status.Kinds().Any(k => k.State == KindState.Retrying)), Patience, "the bridge to notice the API server is down");
        var reconnectsBefore = bridge.Metrics.Reconnects;

        // Back up, but the Service watch is refused for a while: what changes meanwhile must still arrive.
        using (server.InjectFault(new ApiFault("watch", "services", 503) { Group = "" }))
        {
            await server.RestartAsync();
            await client.CreateServiceAsync("added-while-away");
            await client.RelabelServiceAsync("edited", "while-away");
            await client.DeleteServiceAsync("removed");
        }

        await bridge.Queue.WaitForAsync(c => c.Name == "added-while-away" && c.Type == ChangeType.Added, "the Service created while the watch was down");
        await bridge.Queue.WaitForAsync(c => c.Name == "edited" && c.Type == ChangeType.Modified, "the Service edited while the watch was down");
        await bridge.Queue.WaitForAsync(c => c.Name == "removed" && c.Type == ChangeType.Deleted, "the Service deleted while the watch was down");
        Assert.True(bridge.Metrics.Reconnects > reconnectsBefore);

        // Replayed by the watch from its resourceVersion, not found by a relist.
        Assert.Equal(0, bridge.Metrics.Relists);
        await bridge.WaitReadyLeaderAsync();
    }
}
