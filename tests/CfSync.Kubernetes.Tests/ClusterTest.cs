using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Core.Resources;
using CfSync.Kubernetes.DevCluster;
using CfSync.Kubernetes.Sources;
using CfSync.Kubernetes.SyncStates;
using k8s;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CfSync.Kubernetes.Tests;

/// <summary>
/// One test API server per test (faults are server-wide) and the status sink writing to it through KubernetesClient
/// with a bearer token, on a fake clock, its log kept for assertions.
/// </summary>
public abstract class ClusterTest : IAsyncLifetime
{
    protected const string Group = "networking.cloudflare-operator.io";
    protected const string TunnelId = "6ff42ae2-765d-4adf-8112-31c55c1551ef";

    /// <summary>The client's bearer token: it must never show in a log line or an error.</summary>
    protected const string Token = "kubernetes-bearer-token-that-must-stay-secret";

    private string kubeconfig = "";

    protected KubernetesTestApiServer Server { get; private set; } = null!;

    protected IKubernetes Client { get; private set; } = null!;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    protected FakeLogger<KubernetesStatusSink> Log { get; } = new();

    protected KubernetesStatusSink Sink => new(new SyncStateWriter(Client, Time), new SourceStatusWriter(Client, Time), Log);

    protected static ResourceIdentity Tunnel { get; } = new(ResourceType.TunnelConfiguration, TunnelId);

    public async Task InitializeAsync()
    {
        Server = await KubernetesTestApiServer.StartAsync();
        kubeconfig = Server.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"kubeconfig-{Guid.NewGuid():N}"), Token);
        Client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        File.Delete(kubeconfig);
    }

    protected async Task<JsonObject> SyncStateAsync(ResourceIdentity resource) =>
        Json(await Client.CustomObjects.GetClusterCustomObjectAsync(SyncStateNames.Group, SyncStateNames.Version, SyncStateNames.Plural, SyncStateNames.For(resource)));

    protected async Task BindingAsync(string ns, string name)
    {
        var body = new JsonObject { ["apiVersion"] = $"{Group}/v1alpha1", ["kind"] = "TunnelBinding", ["metadata"] = new JsonObject { ["name"] = name } };
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(body, Group, "v1alpha1", ns, "tunnelbindings");
    }

    /// <summary>The CloudflareSynced condition of a TunnelBinding, or null.</summary>
    protected async Task<JsonNode?> BindingConditionAsync(string ns, string name)
    {
        var binding = Json(await Client.CustomObjects.GetNamespacedCustomObjectAsync(Group, "v1alpha1", ns, "tunnelbindings", name));
        return (binding["status"]?["conditions"] as JsonArray)?.SingleOrDefault(c => (string?)c!["type"] == SourceStatusWriter.ConditionType);
    }

    protected static JsonObject Json(object result) => JsonSerializer.SerializeToNode(result) as JsonObject ?? throw new InvalidOperationException("not an object");
}
