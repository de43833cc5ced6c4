using System.Globalization;
using System.Text.Json.Nodes;
using CfSync.Cloudflare.Emulator.Control;
using k8s;
using k8s.Models;

namespace CfSync.Comparison.Benchmarks.Workload;

/// <summary>One tunnel of a scenario: its Cloudflare id, the name of its ClusterTunnel (and IngressClass), its settings.</summary>
internal sealed record WorkloadTunnel(string Name, string TunnelId, bool WarpRouting, string Fallback)
{
    public string Hostname(int index) => string.Create(CultureInfo.InvariantCulture, $"{Name}-{index:D5}.example.com");
}

/// <summary>
/// The manifests both systems get, applied to one cluster through the Kubernetes client: per tunnel a ClusterTunnel
/// (with its id recorded in status, as scripts/run-local.sh does), a TunnelIngressClassConfig and an IngressClass
/// naming it, and Ingresses with one hostname each, created concurrently. Everything lives in one namespace, and the
/// cluster-scoped objects carry the tunnel's name.
/// </summary>
internal sealed class TunnelWorkload(IKubernetes kubernetes, string objectNamespace)
{
    public const string AccountId = "0123456789abcdef0123456789abcdef";
    public const string Group = "networking.cloudflare-operator.io";
    public const string Version = "v1alpha2";
    public const string ClusterTunnels = "clustertunnels";
    public const string ClassConfigs = "tunnelingressclassconfigs";
    private const string Service = "web";
    private const int InFlight = 32;

    /// <summary>The tunnels in the emulator, so both systems' writes are accepted.</summary>
    public static Task SeedAsync(EmulatorControlClient emulator, IEnumerable<WorkloadTunnel> tunnels, CancellationToken cancellationToken) =>
        emulator.SeedAsync(new EmulatorSeed { Tunnels = [.. tunnels.Select(t => new SeedTunnel(AccountId, t.TunnelId, t.Name))] }, cancellationToken);

    public async Task SetUpAsync(IEnumerable<WorkloadTunnel> tunnels, CancellationToken cancellationToken)
    {
        try
        {
            await kubernetes.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = objectNamespace } }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // The namespace outlives a scenario that failed before its clean-up; reusing it is harmless.
        }

        foreach (var tunnel in tunnels)
        {
            await kubernetes.CustomObjects.CreateClusterCustomObjectAsync(ClusterTunnel(tunnel), Group, Version, ClusterTunnels, cancellationToken: cancellationToken).ConfigureAwait(false);
            var status = new JsonObject { ["status"] = new JsonObject { ["tunnelId"] = tunnel.TunnelId, ["tunnelName"] = tunnel.Name, ["accountId"] = AccountId } };
            await kubernetes.CustomObjects.PatchClusterCustomObjectStatusAsync(new V1Patch(status.ToJsonString(), V1Patch.PatchType.MergePatch), Group, Version, ClusterTunnels, tunnel.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            await kubernetes.CustomObjects.CreateNamespacedCustomObjectAsync(ClassConfig(tunnel), Group, Version, objectNamespace, ClassConfigs, cancellationToken: cancellationToken).ConfigureAwait(false);
            await kubernetes.NetworkingV1.CreateIngressClassAsync(IngressClass(tunnel), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The tunnel's settings change (warp-routing, fallback): the settings producer of a race.</summary>
    public Task ChangeSettingsAsync(WorkloadTunnel tunnel, CancellationToken cancellationToken)
    {
        var patch = new JsonObject { ["spec"] = new JsonObject { ["enableWarpRouting"] = tunnel.WarpRouting, ["fallbackTarget"] = tunnel.Fallback } };
        return kubernetes.CustomObjects.PatchClusterCustomObjectAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), Group, Version, ClusterTunnels, tunnel.Name, cancellationToken: cancellationToken);
    }

    /// <summary>The Ingresses (tunnel, index: one hostname each), as fast as the client sends them.</summary>
    public async Task CreateIngressesAsync(IReadOnlyList<(WorkloadTunnel Tunnel, int Index)> ingresses, CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(ingresses, new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken }, async (item, token) =>
            await kubernetes.NetworkingV1.CreateNamespacedIngressAsync(Ingress(item.Tunnel, item.Index), objectNamespace, cancellationToken: token).ConfigureAwait(false))
            .ConfigureAwait(false);

    private static JsonObject ClusterTunnel(WorkloadTunnel tunnel) => new()
    {
        ["apiVersion"] = $"{Group}/{Version}",
        ["kind"] = "ClusterTunnel",
        ["metadata"] = new JsonObject { ["name"] = tunnel.Name },
        ["spec"] = new JsonObject
        {
            ["newTunnel"] = new JsonObject { ["name"] = tunnel.Name },
            ["enableWarpRouting"] = tunnel.WarpRouting,
            ["fallbackTarget"] = tunnel.Fallback,
            ["cloudflare"] = new JsonObject { ["accountId"] = AccountId, ["domain"] = "example.com", ["secret"] = "cloudflare-api-token" },
        },
    };

    private JsonObject ClassConfig(WorkloadTunnel tunnel) => new()
    {
        ["apiVersion"] = $"{Group}/{Version}",
        ["kind"] = "TunnelIngressClassConfig",
        ["metadata"] = new JsonObject { ["name"] = tunnel.Name, ["namespace"] = objectNamespace },
        ["spec"] = new JsonObject
        {
            ["tunnelRef"] = new JsonObject { ["kind"] = "ClusterTunnel", ["name"] = tunnel.Name },
            ["defaultProtocol"] = "http",
        },
    };

    private V1IngressClass IngressClass(WorkloadTunnel tunnel) => new()
    {
        Metadata = new V1ObjectMeta { Name = tunnel.Name },
        Spec = new V1IngressClassSpec
        {
            Controller = "cloudflare-operator.io/tunnel-ingress-controller",
            Parameters = new V1IngressClassParametersReference
            {
                ApiGroup = Group, Kind = "TunnelIngressClassConfig", Name = tunnel.Name, NamespaceProperty = objectNamespace, Scope = "Namespace",
            },
        },
    };

    private V1Ingress Ingress(WorkloadTunnel tunnel, int index) => new()
    {
        Metadata = new V1ObjectMeta { Name = string.Create(CultureInfo.InvariantCulture, $"{tunnel.Name}-{index:D5}"), NamespaceProperty = objectNamespace },
        Spec = new V1IngressSpec
        {
            IngressClassName = tunnel.Name,
            Rules =
            [
                new V1IngressRule
                {
                    Host = tunnel.Hostname(index),
                    Http = new V1HTTPIngressRuleValue
                    {
                        Paths =
                        [
                            new V1HTTPIngressPath
                            {
                                Path = "/",
                                PathType = "Prefix",
                                Backend = new V1IngressBackend
                                {
                                    Service = new V1IngressServiceBackend { Name = Service, Port = new V1ServiceBackendPort { Number = 80 } },
                                },
                            },
                        ],
                    },
                },
            ],
        },
    };
}
