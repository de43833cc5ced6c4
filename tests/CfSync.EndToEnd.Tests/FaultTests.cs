using CfSync.Bridge.Health;
using CfSync.Kubernetes.DevCluster;
using CfSync.Testing;
using CfSync.Watchers.Changes;

namespace CfSync.EndToEnd.Tests;

/// <summary>Something breaks while changes flow; the final Cloudflare state is still the render of the final manifests.</summary>
public sealed class FaultTests : LoopTest
{
    [Fact]
    public async Task A_poison_message_ends_in_the_poison_queue_and_everything_else_syncs()
    {
        await Loop.Queues.Changes.SendMessageAsync("not a change message");
        await ApplySamplesAsync();

        await CloudflareHoldsTheRenderAsync();
        await Eventually.AssertAsync(async () => Assert.Equal(["not a change message"], await Loop.PoisonedAsync()), CloudflareChecks.Patience);
    }

    [Fact]
    public async Task The_engine_worker_killed_and_restarted_mid_stream_loses_nothing()
    {
        await ApplySamplesAsync();
        await Loop.RestartEngineAbruptlyAsync();
        var shop = Manifests.Get("Ingress", "shop");
        shop["spec"]!["rules"]![1]!["host"] = "health.example.com";
        await ApplyAsync(shop);

        var edge = (await CloudflareHoldsTheRenderAsync()).Single(t => t.TunnelId == Edge);
        Assert.Contains("health.example.com", edge.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicated_and_reordered_queue_messages_change_nothing()
    {
        await ApplySamplesAsync();
        await CloudflareHoldsTheRenderAsync();
        var before = (await Loop.Objects.GetAsync(Manifests.Get("Ingress", "shop")))!;
        var shop = Manifests.Get("Ingress", "shop");
        shop["spec"]!["rules"]![1]!["host"] = "health.example.com";
        await ApplyAsync(shop);
        var binding = (await Loop.Objects.GetAsync(Manifests.Get("TunnelBinding", "team-a-apps")))!;
        await DeleteAsync(binding);
        await CloudflareHoldsTheRenderAsync();
        var after = (await Loop.Objects.GetAsync(shop))!;

        // Copies of what the bridge sent, newer first, then older, each twice: the binding's, from before its deletion.
        ChangeBatch[] replayed =
        [
            new([Change(after, ChangeType.Modified)]),
            new([Change(before, ChangeType.Modified), Change(binding, ChangeType.Added)]),
            new([Change(binding, ChangeType.Modified), Change(before, ChangeType.Added)]),
        ];
        foreach (var batch in replayed.Concat(replayed))
        {
            await Loop.Queues.Changes.SendMessageAsync(ChangeMessages.Write(batch));
        }

        await Eventually.AssertAsync(async () => Assert.Equal(0, (await Loop.Queues.Changes.GetPropertiesAsync()).Value.ApproximateMessagesCount), CloudflareChecks.Patience);
        foreach (var tunnel in new[] { Edge, TeamA })
        {
            await Loop.Engine.WaitForStateAsync(
                tunnel, s => s is { InFlight: null, Permit: null, FollowUp: false, Debounce.DirtySince: null, Mirror: { InFlight: null, Pending: false } }, CloudflareChecks.Patience, $"tunnel {tunnel} to settle");
        }

        var tunnels = await CloudflareHoldsTheRenderAsync();
        Assert.DoesNotContain("status.example.com", tunnels.Single(t => t.TunnelId == Edge).Body, StringComparison.Ordinal);
        Assert.DoesNotContain("grafana.team-a.example.com", tunnels.Single(t => t.TunnelId == TeamA).Body, StringComparison.Ordinal);
        Assert.Empty(await Loop.PoisonedAsync());
    }

    private static ObjectChange Change(System.Text.Json.Nodes.JsonObject obj, ChangeType type)
    {
        var apiVersion = (string)obj["apiVersion"]!;
        var metadata = obj["metadata"]!;
        return new(CfSync.Translation.GroupKind.GroupOf(apiVersion), (string)obj["kind"]!, (string?)metadata["namespace"], (string)metadata["name"]!,
            (string?)metadata["uid"], (string)metadata["resourceVersion"]!, type);
    }
}

/// <summary>Two bridge replicas on one Lease; the leader dies while the samples are being written.</summary>
public sealed class BridgeTakeoverTests : LoopTest
{
    protected override int Bridges => 2;

    [Fact]
    public async Task The_bridge_leader_stopped_mid_stream_the_standby_takes_over_and_nothing_is_lost()
    {
        var leader = Loop.Bridges.Single(b => b.Status.Leading);
        var standby = Loop.Bridges.Single(b => !b.Status.Leading);
        var half = Manifests.Objects.Count / 2;
        await ApplySamplesAsync(skip: null, take: half);
        await leader.DisposeAsync();
        await ApplySamplesAsync(skip: null, from: half);

        await CloudflareHoldsTheRenderAsync();
        Assert.True(standby.Status.Leading);
    }
}

/// <summary>A dev cluster that keeps five events of history, so a watch that comes back late gets 410 Gone.</summary>
public sealed class WatchExpiredTests : LoopTest
{
    protected override TestApiServerOptions ClusterOptions => new() { HistoryLimit = 5 };

    [Fact]
    public async Task An_Ingress_watch_expired_with_410_relists_and_the_edit_made_meanwhile_arrives()
    {
        await ApplySamplesAsync();
        await CloudflareHoldsTheRenderAsync();
        var bridge = Loop.Bridges.Single();
        var relists = bridge.Metrics.Relists;

        // The Ingress watch drops and cannot come back while the Ingress changes and the history moves past it.
        using (Loop.Cluster.InjectFault(new ApiFault("watch", "ingresses", 503) { Group = "networking.k8s.io" }))
        {
            await Loop.Cluster.StopAsync();
            await Loop.Cluster.RestartAsync();
            await Eventually.TrueAsync(
                () => Task.FromResult(bridge.Status.Kinds().Single(k => k.Kind == new CfSync.Translation.GroupKind("networking.k8s.io", "Ingress").ToString()).State == KindState.Retrying), CloudflareChecks.Patience, "the Ingress watch to fail");
            var shop = Manifests.Get("Ingress", "shop");
            shop["spec"]!["rules"]![1]!["host"] = "health.example.com";
            await ApplyAsync(shop);
            for (var i = 0; i < 10; i++)
            {
                await ApplyAsync(Filler(i));
            }
        }

        var edge = (await CloudflareHoldsTheRenderAsync()).Single(t => t.TunnelId == Edge);
        Assert.Contains("health.example.com", edge.Body, StringComparison.Ordinal);
        Assert.True(bridge.Metrics.Relists > relists, "the bridge relisted");
    }

    private static System.Text.Json.Nodes.JsonObject Filler(int i) => System.Text.Json.Nodes.JsonNode.Parse(
        $$$"""{"apiVersion":"v1","kind":"Service","metadata":{"name":"filler-{{{i}}}","namespace":"docs"},"spec":{"ports":[{"name":"http","port":80}]}}""")!.AsObject();
}
