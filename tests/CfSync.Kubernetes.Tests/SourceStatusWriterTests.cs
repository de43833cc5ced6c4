using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Core.Aggregation;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Kubernetes.ApiServer;
using CfSync.Kubernetes.Sources;
using CfSync.Sync.Entities;
using CfSync.Sync.Status;
using k8s;
using k8s.Models;

namespace CfSync.Kubernetes.Tests;

/// <summary>What the source objects show after a sync, written through KubernetesClient to the test API server.</summary>
public sealed class SourceStatusWriterTests : IAsyncLifetime
{
    private const string TunnelId = "6ff42ae2-765d-4adf-8112-31c55c1551ef";
    private const string Group = "networking.cloudflare-operator.io";

    private KubernetesTestApiServer server = null!;
    private IKubernetes client = null!;

    public async Task InitializeAsync()
    {
        server = await KubernetesTestApiServer.StartAsync();
        client = server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    private SourceStatusWriter Writer => new(client, TimeProvider.System);

    private static SyncStatusReport Report(SyncStatus status, params SourceOutcome[] sources) =>
        new(new ResourceIdentity(ResourceType.TunnelConfiguration, TunnelId), new ResourceScope("acct"), new CfSync.Core.Hashing.DesiredBody("{}"), "sha256:x", status, null, 1,
            status == SyncStatus.Synced ? DateTimeOffset.UnixEpoch : null, sources);

    private async Task<V1Ingress> IngressAsync(string ns, string name) =>
        await client.NetworkingV1.CreateNamespacedIngressAsync(new V1Ingress { Metadata = new V1ObjectMeta { Name = name } }, ns);

    private async Task BindingAsync(string ns, string name, JsonArray? conditions = null)
    {
        var body = new JsonObject { ["apiVersion"] = $"{Group}/v1alpha1", ["kind"] = "TunnelBinding", ["metadata"] = new JsonObject { ["name"] = name } };
        var created = JsonSerializer.SerializeToNode(await client.CustomObjects.CreateNamespacedCustomObjectAsync(body, Group, "v1alpha1", ns, "tunnelbindings"))!.AsObject();
        if (conditions is not null)
        {
            created["status"] = new JsonObject { ["conditions"] = conditions };
            await client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(created, Group, "v1alpha1", ns, "tunnelbindings", name);
        }
    }

    private async Task<List<Corev1Event>> EventsAsync(string ns) => [.. (await client.CoreV1.ListNamespacedEventAsync(ns)).Items];

    [Fact]
    public async Task An_applied_ingress_gets_the_tunnel_hostname_and_a_normal_event()
    {
        await IngressAsync("shop", "web");
        await Writer.MirrorAsync(Report(SyncStatus.Synced, SourceOutcome.Accepted(new Source("Ingress", "shop", "web"))), CancellationToken.None);

        var ingress = await client.NetworkingV1.ReadNamespacedIngressAsync("web", "shop");
        Assert.Equal($"{TunnelId}.cfargotunnel.com", Assert.Single(ingress.Status.LoadBalancer.Ingress).Hostname);
        var normal = Assert.Single(await EventsAsync("shop"));
        Assert.Equal(("Normal", "Synced", "Ingress", "web"), (normal.Type, normal.Reason, normal.InvolvedObject.Kind, normal.InvolvedObject.Name));
    }

    [Fact]
    public async Task A_pending_sync_does_not_publish_the_hostname_yet()
    {
        await IngressAsync("pending", "web");
        await Writer.MirrorAsync(Report(SyncStatus.Pending, SourceOutcome.Accepted(new Source("Ingress", "pending", "web"))), CancellationToken.None);
        var ingress = await client.NetworkingV1.ReadNamespacedIngressAsync("web", "pending");
        Assert.Null(ingress.Status?.LoadBalancer?.Ingress);
    }

    [Fact]
    public async Task A_rejected_binding_gets_a_false_condition_and_a_warning_while_other_conditions_stay()
    {
        await BindingAsync("team", "legacy", new JsonArray(new JsonObject
        {
            ["type"] = "Ready", ["status"] = "True", ["reason"] = "OperatorReady", ["message"] = "kept", ["lastTransitionTime"] = "2026-01-01T00:00:00Z",
        }));
        var rejected = new SourceOutcome(new Source("TunnelBinding", "team", "legacy"), SourceStatus.Rejected, ["TunnelBinding/team/legacy: rules[0].service: bad"]);
        await Writer.MirrorAsync(Report(SyncStatus.Synced, rejected), CancellationToken.None);

        var binding = JsonSerializer.SerializeToNode(await client.CustomObjects.GetNamespacedCustomObjectAsync(Group, "v1alpha1", "team", "tunnelbindings", "legacy"))!;
        var conditions = binding["status"]!["conditions"]!.AsArray();
        Assert.Contains(conditions, c => (string?)c!["type"] == "Ready" && (string?)c["message"] == "kept");
        var ours = conditions.Single(c => (string?)c!["type"] == SourceStatusWriter.ConditionType)!;
        Assert.Equal(("False", "Invalid"), ((string?)ours["status"], (string?)ours["reason"]));
        Assert.Contains("rules[0].service", (string?)ours["message"], StringComparison.Ordinal);
        var warning = Assert.Single(await EventsAsync("team"));
        Assert.Equal(("Warning", "Rejected"), (warning.Type, warning.Reason));
    }

    [Fact]
    public async Task The_condition_flips_to_true_once_the_source_is_synced()
    {
        await BindingAsync("flip", "b");
        var source = new Source("TunnelBinding", "flip", "b");
        await Writer.MirrorAsync(Report(SyncStatus.Synced, new SourceOutcome(source, SourceStatus.Conflict, ["lost"])), CancellationToken.None);
        await Writer.MirrorAsync(Report(SyncStatus.Synced, SourceOutcome.Accepted(source)), CancellationToken.None);

        var binding = JsonSerializer.SerializeToNode(await client.CustomObjects.GetNamespacedCustomObjectAsync(Group, "v1alpha1", "flip", "tunnelbindings", "b"))!;
        var ours = Assert.Single(binding["status"]!["conditions"]!.AsArray())!;
        Assert.Equal(("True", "Synced"), ((string?)ours["status"], (string?)ours["reason"]));
    }

    [Fact]
    public async Task A_source_deleted_meanwhile_is_skipped()
    {
        var gone = SourceOutcome.Accepted(new Source("TunnelBinding", "nowhere", "gone"));
        await Writer.MirrorAsync(Report(SyncStatus.Synced, gone), CancellationToken.None);
        Assert.Empty(await EventsAsync("nowhere"));
    }
}
