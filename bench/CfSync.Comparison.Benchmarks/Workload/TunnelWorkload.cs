using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Cloudflare.Emulator.Control;
using k8s;
using k8s.Models;

namespace CfSync.Comparison.Benchmarks.Workload;

/// <summary>The kinds of object that give a tunnel its rules, one hostname each in a scenario.</summary>
internal enum RuleSourceKind
{
    Ingress,
    HttpRoute,
    TunnelBinding,
}

/// <summary>One tunnel of a scenario: its Cloudflare id, the name of its ClusterTunnel (and IngressClass), its settings.</summary>
internal sealed record WorkloadTunnel(string Name, string TunnelId, bool WarpRouting, string Fallback)
{
    public string Hostname(int index) => string.Create(CultureInfo.InvariantCulture, $"{Name}-{index:D5}.example.com");
}

/// <summary>
/// The manifests both systems get (<see cref="TunnelManifests"/>), applied to one cluster through the Kubernetes
/// client: per tunnel a ClusterTunnel and what its rule sources hang from (for Ingresses a TunnelIngressClassConfig and
/// an IngressClass; for HTTPRoutes a TunnelGatewayClassConfig, a GatewayClass and a Gateway; TunnelBindings name the
/// ClusterTunnel), then the rule sources with one hostname each, created concurrently. Everything lives in one
/// namespace, and the objects of a tunnel carry its name.
/// </summary>
internal sealed class TunnelWorkload(IKubernetes kubernetes, string objectNamespace, IReadOnlyCollection<RuleSourceKind> kinds)
{
    private const string Service = "web";
    private const int InFlight = 32;

    /// <summary>The tunnels in the emulator, so both systems' writes are accepted.</summary>
    public static Task SeedAsync(EmulatorControlClient emulator, IEnumerable<WorkloadTunnel> tunnels, CancellationToken cancellationToken) =>
        emulator.SeedAsync(new EmulatorSeed { Tunnels = [.. tunnels.Select(t => new SeedTunnel(TunnelManifests.AccountId, t.TunnelId, t.Name))] }, cancellationToken);

    public async Task SetUpAsync(IEnumerable<WorkloadTunnel> tunnels, CancellationToken cancellationToken)
    {
        try
        {
            await kubernetes.CoreV1.CreateNamespaceAsync(TunnelManifests.Namespace(objectNamespace), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // The namespace outlives a scenario that failed before its clean-up; reusing it is harmless.
        }

        foreach (var tunnel in tunnels)
        {
            await kubernetes.CustomObjects.CreateClusterCustomObjectAsync(
                TunnelManifests.ClusterTunnel(tunnel.Name, tunnel.TunnelId, tunnel.WarpRouting, tunnel.Fallback),
                TunnelManifests.Group, TunnelManifests.Version, TunnelManifests.ClusterTunnels, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (kinds.Contains(RuleSourceKind.Ingress))
            {
                await kubernetes.CustomObjects.CreateNamespacedCustomObjectAsync(
                    TunnelManifests.ClassConfig(tunnel.Name, objectNamespace, tunnel.Name),
                    TunnelManifests.Group, TunnelManifests.Version, objectNamespace, TunnelManifests.ClassConfigs, cancellationToken: cancellationToken).ConfigureAwait(false);
                await kubernetes.NetworkingV1.CreateIngressClassAsync(TunnelManifests.IngressClass(tunnel.Name, tunnel.Name, objectNamespace), cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            if (kinds.Contains(RuleSourceKind.HttpRoute))
            {
                await kubernetes.CustomObjects.CreateNamespacedCustomObjectAsync(
                    TunnelManifests.GatewayClassConfig(tunnel.Name, objectNamespace, tunnel.Name),
                    TunnelManifests.Group, TunnelManifests.Version, objectNamespace, TunnelManifests.GatewayClassConfigs, cancellationToken: cancellationToken).ConfigureAwait(false);
                await kubernetes.CustomObjects.CreateClusterCustomObjectAsync(
                    TunnelManifests.GatewayClass(tunnel.Name, tunnel.Name, objectNamespace),
                    TunnelManifests.GatewayGroup, TunnelManifests.GatewayVersion, TunnelManifests.GatewayClasses, cancellationToken: cancellationToken).ConfigureAwait(false);
                await kubernetes.CustomObjects.CreateNamespacedCustomObjectAsync(
                    TunnelManifests.Gateway(tunnel.Name, objectNamespace, tunnel.Name),
                    TunnelManifests.GatewayGroup, TunnelManifests.GatewayVersion, objectNamespace, TunnelManifests.Gateways, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The tunnel's settings change (warp-routing, fallback): the settings producer of a race.</summary>
    public Task ChangeSettingsAsync(WorkloadTunnel tunnel, CancellationToken cancellationToken)
    {
        var patch = new JsonObject { ["spec"] = new JsonObject { ["enableWarpRouting"] = tunnel.WarpRouting, ["fallbackTarget"] = tunnel.Fallback } };
        return kubernetes.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), TunnelManifests.Group, TunnelManifests.Version, TunnelManifests.ClusterTunnels, tunnel.Name, cancellationToken: cancellationToken);
    }

    /// <summary>The Ingresses (tunnel, index: one hostname each), as fast as the client sends them.</summary>
    public Task CreateIngressesAsync(IReadOnlyList<(WorkloadTunnel Tunnel, int Index)> ingresses, CancellationToken cancellationToken) =>
        CreateRuleSourcesAsync([.. ingresses.Select(i => (i.Tunnel, i.Index, RuleSourceKind.Ingress))], cancellationToken);

    /// <summary>Rule sources of any kind (tunnel, index: one hostname each, kind), as fast as the client sends them.</summary>
    public async Task CreateRuleSourcesAsync(IReadOnlyList<(WorkloadTunnel Tunnel, int Index, RuleSourceKind Kind)> sources, CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(sources, new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken }, async (item, token) =>
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{item.Tunnel.Name}-{item.Index:D5}");
            var host = item.Tunnel.Hostname(item.Index);
            await (item.Kind switch
            {
                RuleSourceKind.Ingress => (Task)kubernetes.NetworkingV1.CreateNamespacedIngressAsync(
                    TunnelManifests.Ingress(name, objectNamespace, item.Tunnel.Name, [host], Service, 80), objectNamespace, cancellationToken: token),
                RuleSourceKind.HttpRoute => kubernetes.CustomObjects.CreateNamespacedCustomObjectAsync(
                    TunnelManifests.HttpRoute(name, objectNamespace, item.Tunnel.Name, host, Service, 80),
                    TunnelManifests.GatewayGroup, TunnelManifests.GatewayVersion, objectNamespace, TunnelManifests.HttpRoutes, cancellationToken: token),
                _ => kubernetes.CustomObjects.CreateNamespacedCustomObjectAsync(
                    TunnelManifests.TunnelBinding(name, objectNamespace, item.Tunnel.Name, host, Service, 80),
                    TunnelManifests.Group, TunnelManifests.TunnelBindingVersion, objectNamespace, TunnelManifests.TunnelBindings, cancellationToken: token),
            }).ConfigureAwait(false);
        }).ConfigureAwait(false);

    /// <summary>Deletes what <see cref="SetUpAsync"/> and <see cref="CreateRuleSourcesAsync"/> made.</summary>
    public async Task DeleteAsync(IEnumerable<WorkloadTunnel> tunnels, CancellationToken cancellationToken)
    {
        // Only the kinds this workload sets up: a list of a kind it never made is a call per clean-up for nothing.
        if (kinds.Contains(RuleSourceKind.Ingress))
        {
            var ingresses = await kubernetes.NetworkingV1.ListNamespacedIngressAsync(objectNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            await Parallel.ForEachAsync(ingresses.Items, new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken }, async (ingress, token) =>
                await kubernetes.NetworkingV1.DeleteNamespacedIngressAsync(ingress.Metadata.Name, objectNamespace, cancellationToken: token).ConfigureAwait(false))
                .ConfigureAwait(false);
        }

        if (kinds.Contains(RuleSourceKind.HttpRoute))
        {
            await DeleteEveryAsync(TunnelManifests.GatewayGroup, TunnelManifests.GatewayVersion, TunnelManifests.HttpRoutes, cancellationToken).ConfigureAwait(false);
        }

        if (kinds.Contains(RuleSourceKind.TunnelBinding))
        {
            await DeleteEveryAsync(TunnelManifests.Group, TunnelManifests.TunnelBindingVersion, TunnelManifests.TunnelBindings, cancellationToken).ConfigureAwait(false);
        }

        foreach (var tunnel in tunnels)
        {
            if (kinds.Contains(RuleSourceKind.Ingress))
            {
                await kubernetes.NetworkingV1.DeleteIngressClassAsync(tunnel.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
                await kubernetes.CustomObjects.DeleteNamespacedCustomObjectAsync(
                    TunnelManifests.Group, TunnelManifests.Version, objectNamespace, TunnelManifests.ClassConfigs, tunnel.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            if (kinds.Contains(RuleSourceKind.HttpRoute))
            {
                await kubernetes.CustomObjects.DeleteNamespacedCustomObjectAsync(
                    TunnelManifests.GatewayGroup, TunnelManifests.GatewayVersion, objectNamespace, TunnelManifests.Gateways, tunnel.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
                await kubernetes.CustomObjects.DeleteClusterCustomObjectAsync(
                    TunnelManifests.GatewayGroup, TunnelManifests.GatewayVersion, TunnelManifests.GatewayClasses, tunnel.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
                await kubernetes.CustomObjects.DeleteNamespacedCustomObjectAsync(
                    TunnelManifests.Group, TunnelManifests.Version, objectNamespace, TunnelManifests.GatewayClassConfigs, tunnel.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            await kubernetes.CustomObjects.DeleteClusterCustomObjectAsync(
                TunnelManifests.Group, TunnelManifests.Version, TunnelManifests.ClusterTunnels, tunnel.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    // Every object of a namespaced custom kind in this workload's namespace.
    private async Task DeleteEveryAsync(string group, string version, string plural, CancellationToken cancellationToken)
    {
        var list = JsonSerializer.SerializeToNode(await kubernetes.CustomObjects.ListNamespacedCustomObjectAsync(group, version, objectNamespace, plural, cancellationToken: cancellationToken).ConfigureAwait(false));
        var names = (list?["items"]?.AsArray() ?? []).Select(item => (string?)item?["metadata"]?["name"]).OfType<string>();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken }, async (name, token) =>
            await kubernetes.CustomObjects.DeleteNamespacedCustomObjectAsync(group, version, objectNamespace, plural, name, cancellationToken: token).ConfigureAwait(false))
            .ConfigureAwait(false);
    }
}
