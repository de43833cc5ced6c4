using CfSync.Kubernetes.DevCluster;
using CfSync.Testing;
using CfSync.Watchers.Changes;
using Microsoft.Extensions.Time.Testing;

namespace CfSync.Bridge.Tests;

public sealed class BridgeResyncTests
{
    [Fact]
    public async Task Each_resync_sends_every_known_object_then_a_sweep()
    {
        await using var server = await TestCluster.StartAsync();
        using var client = server.CreateClient();
        await client.CreateServiceAsync("one");
        await client.CreateServiceAsync("two");
        await client.CreateClusterTunnelAsync("edge");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var period = TimeSpan.FromMinutes(10);
        await using var bridge = await RunningBridge.StartAsync(server, settings: new Dictionary<string, string?>
        {
            ["CfSync:Bridge:ResyncPeriod"] = period.ToString(),
            ["CfSync:Bridge:Linger"] = "00:00:00",
        }, time: time);
        await bridge.WaitReadyLeaderAsync();

        // The first lists report everything once, and a sweep follows.
        await bridge.Queue.WaitForSweepsAsync(1);
        Assert.Equal(0, bridge.Metrics.Resyncs);

        // Each period: every object again, and a sweep.
        await Eventually.TrueAsync(() =>
        {
            time.Advance(period);
            return Task.FromResult(bridge.Metrics.Resyncs >= 1);
        }, TimeSpan.FromSeconds(30), "a periodic resync");
        await bridge.Queue.WaitForSweepsAsync(2);
        string[] expected = ["edge", "one", "two"];
        foreach (var name in expected)
        {
            await Eventually.TrueAsync(async () =>
            {
                await bridge.Queue.DrainAsync();
                return bridge.Queue.Changes.Count(c => c.Name == name && c.Type == ChangeType.Resync) >= 2;
            }, TimeSpan.FromSeconds(30), $"{name} resynced twice");
        }

        Assert.Equal(expected, bridge.Queue.Changes.Where(c => c.Type == ChangeType.Resync).Select(c => c.Name).Distinct().Order(StringComparer.Ordinal));
        Assert.All(bridge.Queue.Batches.Where(b => b.Sweep), b => Assert.Empty(b.Changes));
    }
}
