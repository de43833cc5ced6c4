using System.Text.Json.Nodes;
using CfSync.Testing;

namespace CfSync.EndToEnd.Tests;

/// <summary>Edits after the samples synced: each time Cloudflare ends as the render of the manifests as they now are.</summary>
public sealed class ChangeTests : LoopTest
{
    [Fact]
    public async Task An_edited_Ingress_host_replaces_the_old_host()
    {
        await ApplySamplesAsync();
        await CloudflareHoldsTheRenderAsync();

        var shop = Manifests.Get("Ingress", "shop");
        shop["spec"]!["rules"]![1]!["host"] = "health.example.com";
        await ApplyAsync(shop);

        var edge = (await CloudflareHoldsTheRenderAsync()).Single(t => t.TunnelId == Edge);
        Assert.Contains("\"hostname\":\"health.example.com\"", edge.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("status.example.com", edge.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Ingress_moved_to_a_class_of_the_other_tunnel_leaves_nothing_in_the_first()
    {
        await ApplySamplesAsync();
        await CloudflareHoldsTheRenderAsync();

        await ApplyAsync(TeamAIngressClassConfig());
        await ApplyAsync(TeamAIngressClass());
        var shop = Manifests.Get("Ingress", "shop");
        shop["spec"]!["ingressClassName"] = "team-a-tunnel";
        await ApplyAsync(shop);

        var tunnels = await CloudflareHoldsTheRenderAsync();
        Assert.DoesNotContain("shop.example.com", tunnels.Single(t => t.TunnelId == Edge).Body, StringComparison.Ordinal);
        Assert.Contains("shop.example.com", tunnels.Single(t => t.TunnelId == TeamA).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_TunnelBinding_takes_its_rules_out_of_its_tunnel()
    {
        await ApplySamplesAsync();
        await CloudflareHoldsTheRenderAsync();

        var binding = Manifests.Get("TunnelBinding", "team-a-apps");
        await DeleteAsync(binding);

        var teamA = (await CloudflareHoldsTheRenderAsync()).Single(t => t.TunnelId == TeamA);
        Assert.DoesNotContain("grafana.team-a.example.com", teamA.Body, StringComparison.Ordinal);
        // The finalizer let go once the source entity recorded the deletion: the object is gone.
        await Eventually.AssertAsync(async () => Assert.Null(await Loop.Objects.GetAsync(binding)), CloudflareChecks.Patience);
    }

    [Fact]
    public async Task A_Service_created_after_its_Ingress_gives_the_rule_its_scheme_and_port()
    {
        var api = Manifests.Get("Service", "api");
        await ApplySamplesAsync(skip: m => Is(m, "Service", "api"));
        var before = (await CloudflareHoldsTheRenderAsync()).Single(t => t.TunnelId == Edge);
        Assert.DoesNotContain("https://api.shop.svc:8443", before.Body, StringComparison.Ordinal);

        await ApplyAsync(api);

        var after = (await CloudflareHoldsTheRenderAsync()).Single(t => t.TunnelId == Edge);
        Assert.Contains("\"service\":\"https://api.shop.svc:8443\"", after.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Tunnel_whose_id_appears_in_status_later_gets_the_rules_that_waited_for_it()
    {
        var tunnel = Manifests.Get("Tunnel", "internal");
        var status = tunnel["status"]!.DeepClone();
        tunnel.Remove("status");
        Manifests.Put(tunnel);
        await ApplySamplesAsync();
        Assert.Equal([Edge], (await CloudflareHoldsTheRenderAsync()).Select(t => t.TunnelId));
        Assert.Empty(Loop.Engine.PutsTo(TeamA));

        // What the operator does once it has created the tunnel.
        tunnel["status"] = status;
        Manifests.Put(tunnel);
        await Loop.Objects.WriteStatusAsync((await Loop.Objects.GetAsync(tunnel))!, status);

        var teamA = (await CloudflareHoldsTheRenderAsync()).Single(t => t.TunnelId == TeamA);
        Assert.Contains("grafana.team-a.example.com", teamA.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_Tunnel_is_sent_nothing_more_and_its_sources_wait_unresolved()
    {
        await ApplySamplesAsync();
        await CloudflareHoldsTheRenderAsync();
        // Count from a settled entity: a sync started before the render was reached (a follow-up, a retry) may still
        // send, and that PUT is not one sent after the deletion.
        await Loop.Engine.WaitForStateAsync(
            TeamA,
            s => s is { InFlight: null, FollowUp: false, Debounce.DirtySince: null },
            CloudflareChecks.Patience,
            "team A's tunnel configuration to settle before the deletion");
        var sent = Loop.Engine.PutsTo(TeamA).Count;

        var tunnel = Manifests.Get("Tunnel", "internal");
        await DeleteAsync(tunnel);

        Assert.Equal([Edge], (await CloudflareHoldsTheRenderAsync()).Select(t => t.TunnelId));
        await Eventually.AssertAsync(async () => Assert.Null(await Loop.Objects.GetAsync(tunnel)), CloudflareChecks.Patience);

        // Right: the tunnel's own settings leave its configuration, the binding that named it no longer feeds it (it
        // cannot be resolved), and nothing more is sent: the operator deletes the Cloudflare tunnel itself.
        var state = await Loop.Engine.WaitForStateAsync(
            TeamA,
            s => s is { InFlight: null, FollowUp: false, Debounce.DirtySince: null, Mirror: { InFlight: null, Pending: false } }
                && s.Sources.Values.All(source => source.Deleted || source.Status != CfSync.Core.Aggregation.SourceStatus.Accepted),
            CloudflareChecks.Patience,
            "team A's tunnel configuration to have no accepted source");
        // The Tunnel's settings left (a tombstone), and the entity settled instead of failing for want of an account.
        Assert.True(state.Sources.Values.Single(source => source.Source.Kind == "Tunnel").Deleted);
        Assert.Equal(CfSync.Sync.Entities.SyncStatus.Synced, state.SyncStatus);
        // The binding's re-translation and the Tunnel's own removal reach the entity by two paths. If the binding's
        // comes first by more than the quiet window, one PUT without the binding's rules goes out; once the Tunnel's
        // removal is recorded, nothing more.
        var after = Loop.Engine.PutsTo(TeamA).Skip(sent).ToList();
        Assert.True(after.Count <= 1, $"{after.Count} PUTs after the Tunnel's deletion");
        Assert.All(after, put => Assert.DoesNotContain("grafana.team-a.example.com", put.RequestBody, StringComparison.Ordinal));
    }

    /// <summary>A second class whose parameters name team A's Tunnel.</summary>
    private static JsonObject TeamAIngressClassConfig() => JsonNode.Parse("""
        {"apiVersion":"networking.cloudflare-operator.io/v1alpha2","kind":"TunnelIngressClassConfig",
         "metadata":{"name":"team-a-ingress","namespace":"cloudflare-system"},
         "spec":{"tunnelRef":{"kind":"Tunnel","name":"internal","namespace":"team-a"},"defaultProtocol":"http"}}
        """)!.AsObject();

    private static JsonObject TeamAIngressClass() => JsonNode.Parse("""
        {"apiVersion":"networking.k8s.io/v1","kind":"IngressClass","metadata":{"name":"team-a-tunnel"},
         "spec":{"controller":"cloudflare-operator.io/tunnel-ingress-controller",
                 "parameters":{"apiGroup":"networking.cloudflare-operator.io","kind":"TunnelIngressClassConfig",
                               "name":"team-a-ingress","namespace":"cloudflare-system","scope":"Namespace"}}}
        """)!.AsObject();
}
