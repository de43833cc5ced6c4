using CfSync.Kubernetes.DevCluster;
using CfSync.Testing;
using CfSync.Watchers.Changes;

namespace CfSync.Bridge.Tests;

public sealed class BridgeLeadershipTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Two_bridges_on_one_Lease_only_the_leader_enqueues_and_the_standby_takes_over_when_it_stops()
    {
        await using var server = await TestCluster.StartAsync();
        using var client = server.CreateClient();
        await using var first = await RunningBridge.StartAsync(server, lease: "shared");
        var queue = first.Queue;
        await first.WaitReadyLeaderAsync();
        await using var second = await RunningBridge.StartAsync(server, queue, lease: "shared");

        // The standby is ready (it reads the Lease) but lists, watches and writes nothing.
        await Eventually.TrueAsync(async () => (await second.Http.GetAsync(new Uri("/readyz", UriKind.Relative))).IsSuccessStatusCode, Patience, "the standby to be ready");
        Assert.StartsWith("standby", await second.Http.GetStringAsync(new Uri("/readyz", UriKind.Relative)), StringComparison.Ordinal);
        await client.CreateServiceAsync("while-first-leads");
        await queue.WaitForAsync(c => c.Name == "while-first-leads" && c.Type == ChangeType.Added, "the leader's message");
        Assert.False(second.Status.Leading);
        Assert.Equal(0, second.Metrics.MessagesSent);
        Assert.Equal(0, second.Metrics.EventsSeen);
        await first.DisposeAsync();

        // The leader is gone without releasing the Lease: the standby takes it once it expires.
        await second.WaitReadyLeaderAsync();
        await client.CreateServiceAsync("after-takeover");
        await queue.WaitForAsync(c => c.Name == "after-takeover" && c.Type == ChangeType.Added, "the new leader's message");
        Assert.True(second.Metrics.MessagesSent > 0);
    }

    [Fact]
    public async Task A_leader_that_cannot_renew_its_Lease_stops_watching_and_what_changed_meanwhile_arrives_with_the_next_term()
    {
        await using var server = await TestCluster.StartAsync();
        using var client = server.CreateClient();
        await using var bridge = await RunningBridge.StartAsync(server);
        await bridge.WaitReadyLeaderAsync();

        using (server.InjectFault(new ApiFault("update", "leases", 503)))
        {
            await Eventually.TrueAsync(() => Task.FromResult(!bridge.Status.Leading), Patience, "the leader to give up the Lease");
            var eventsWhileNotLeading = bridge.Metrics.EventsSeen;
            await client.CreateServiceAsync("while-nobody-leads");
            Assert.Equal(eventsWhileNotLeading, bridge.Metrics.EventsSeen);
        }

        await bridge.WaitReadyLeaderAsync();
        await bridge.Queue.WaitForAsync(c => c.Name == "while-nobody-leads", "the Service created while nobody led");
    }
}
