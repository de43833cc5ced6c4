using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Core.Tunnels;
using CfSync.Kubernetes;
using CfSync.Kubernetes.DevCluster;
using CfSync.Kubernetes.SyncStates;
using CfSync.Sync.Entities;
using CfSync.Testing;
using k8s;

namespace CfSync.Sync.IntegrationTests;

/// <summary>
/// The engine on the real backend, applying to the Cloudflare emulator and mirroring into CloudflareSyncState on the
/// test API server through KubernetesClient: what a user sees with <c>kubectl get cloudflaresyncstates</c>.
/// </summary>
public sealed class StatusMirroringTests : IAsyncLifetime
{
    private readonly TaskHubFixture hub = new();
    private KubernetesTestApiServer kubernetes = null!;
    private IKubernetes client = null!;
    private EngineRig rig = null!;

    public async Task InitializeAsync()
    {
        await hub.InitializeAsync();
        kubernetes = await KubernetesTestApiServer.StartAsync();
        client = kubernetes.CreateClient();
        rig = await EngineRig.StartAsync(
            hub.CreateOptions(),
            options => options.DebounceQuietWindow = TimeSpan.FromMilliseconds(500),
            new KubernetesStatusSink(
                new SyncStateWriter(client, TimeProvider.System),
                new CfSync.Kubernetes.Sources.SourceStatusWriter(client, TimeProvider.System),
                Microsoft.Extensions.Logging.Abstractions.NullLogger<KubernetesStatusSink>.Instance));
    }

    public async Task DisposeAsync()
    {
        await rig.DisposeAsync();
        client.Dispose();
        await kubernetes.DisposeAsync();
        await hub.DisposeAsync();
    }

    [Fact]
    public async Task A_synced_tunnel_shows_its_applied_config_hash_and_sources_in_CloudflareSyncState()
    {
        var tunnelId = rig.NewTunnel();
        var resource = new ResourceIdentity(ResourceType.TunnelConfiguration, tunnelId);
        foreach (var name in new[] { "shop", "broken" })
        {
            await client.NetworkingV1.CreateNamespacedIngressAsync(new k8s.Models.V1Ingress { Metadata = new k8s.Models.V1ObjectMeta { Name = name } }, "shop");
        }

        await client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new JsonObject { ["apiVersion"] = $"{SyncStateNames.Group}/v1alpha1", ["kind"] = "TunnelBinding", ["metadata"] = new JsonObject { ["name"] = "apps" } },
            SyncStateNames.Group, "v1alpha1", "shop", "tunnelbindings");
        await rig.Host.Client.RegisterConfigAsync(resource, new SourceRegistration(
            new Source("TunnelBinding", "shop", "apps"), new SourceVersion("tb", 4), new IngressRulesFragment([new IngressRule("apps.example.com", null, "http://apps.shop.svc:80")])));

        await rig.Host.Client.RegisterConfigAsync(resource, new SourceRegistration(new Source("ClusterTunnel", null, "edge"), new SourceVersion("t", 1), new TunnelSettingsFragment(true))
        {
            Scope = new ResourceScope(EngineRig.AccountId),
        });
        await rig.Host.Client.RegisterConfigAsync(resource, new SourceRegistration(
            new Source("Ingress", "shop", "shop"), new SourceVersion("i", 2), new IngressRulesFragment([new IngressRule("shop.example.com", null, "http://web.shop.svc:80")])));
        await rig.Host.Client.RegisterConfigAsync(resource, new SourceRegistration(
            new Source("Ingress", "shop", "broken"), new SourceVersion("b", 3), new IngressRulesFragment([new IngressRule("broken.example.com", null, "http://web.shop.svc:80/path")])));

        JsonNode? state = null;
        await Eventually.TrueAsync(
            async () =>
            {
                var list = JsonSerializer.SerializeToNode(await client.CustomObjects.ListClusterCustomObjectAsync(SyncStateNames.Group, SyncStateNames.Version, SyncStateNames.Plural))!;
                state = list["items"]!.AsArray().FirstOrDefault(i => (string?)i!["metadata"]!["name"] == SyncStateNames.For(resource));
                return (string?)state?["status"]?["syncStatus"] == "Synced" && (int?)state["status"]!["sourceCount"] == 4;
            },
            TimeSpan.FromSeconds(60),
            "the CloudflareSyncState to show Synced");

        // The mirror writes what the entity holds once the outcome arrived: the hash of the aggregate it computed.
        var engineState = (await rig.Sync.GetStateAsync(resource))!;
        Assert.Equal(engineState.ConfigHash, (string?)state!["status"]!["configHash"]);
        Assert.True(JsonNode.DeepEquals(await rig.AppliedConfigAsync(tunnelId), state["status"]!["aggregatedConfig"]!["config"]));
        Assert.Equal(4, (int)state["status"]!["sourceCount"]!);
        var shop = state["spec"]!["sources"]!.AsArray().Single(e => (string?)e!["ref"]!["name"] == "shop")!;
        Assert.Equal("shop.example.com", (string?)shop["config"]!["rules"]![0]!["hostname"]);
        var ready = state["status"]!["conditions"]![0]!;
        Assert.Equal(("False", "Invalid"), ((string?)ready["status"], (string?)ready["reason"]));
        Assert.Contains("Ingress/shop/broken", (string?)ready["message"], StringComparison.Ordinal);

        // The source objects: the applied Ingress points at the tunnel, the broken one has a Warning naming the field.
        await Eventually.TrueAsync(
            async () => (await client.NetworkingV1.ReadNamespacedIngressAsync("shop", "shop")).Status?.LoadBalancer?.Ingress?.SingleOrDefault()?.Hostname == $"{tunnelId}.cfargotunnel.com",
            TimeSpan.FromSeconds(30),
            "the Ingress to show the tunnel hostname");
        var events = (await client.CoreV1.ListNamespacedEventAsync("shop")).Items;
        Assert.Contains(events, e => e.Type == "Warning" && e.InvolvedObject.Name == "broken" && e.Message.Contains(".service:", StringComparison.Ordinal));
        Assert.DoesNotContain(events, e => e.Type == "Warning" && e.InvolvedObject.Name == "shop");
        Assert.Null((await client.NetworkingV1.ReadNamespacedIngressAsync("broken", "shop")).Status?.LoadBalancer?.Ingress);

        // Each source's status is its own write, after the CloudflareSyncState's: wait for the binding's.
        JsonNode? synced = null;
        await Eventually.TrueAsync(
            async () =>
            {
                var binding = JsonSerializer.SerializeToNode(await client.CustomObjects.GetNamespacedCustomObjectAsync(SyncStateNames.Group, "v1alpha1", "shop", "tunnelbindings", "apps"))!;
                synced = binding["status"]?["conditions"]?.AsArray().SingleOrDefault(c => (string?)c!["type"] == "CloudflareSynced");
                return synced is not null;
            },
            TimeSpan.FromSeconds(30),
            "the TunnelBinding to show its CloudflareSynced condition");
        Assert.Equal(("True", "Synced"), ((string?)synced!["status"], (string?)synced["reason"]));
    }
}
