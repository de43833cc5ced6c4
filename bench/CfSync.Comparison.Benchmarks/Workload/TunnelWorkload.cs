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
/// The manifests both systems get (<see cref="TunnelManifests"/>), applied to one cluster through the Kubernetes
/// client: per tunnel a ClusterTunnel, a TunnelIngressClassConfig and an IngressClass naming it, and Ingresses with one
/// hostname each, created concurrently. Everything lives in one namespace, and the cluster-scoped objects carry the
/// tunnel's name.
/// </summary>
internal sealed class TunnelWorkload(IKubernetes kubernetes, string objectNamespace)
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
            await kubernetes.CustomObjects.CreateNamespacedCustomObjectAsync(
                TunnelManifests.ClassConfig(tunnel.Name, objectNamespace, tunnel.Name),
                TunnelManifests.Group, TunnelManifests.Version, objectNamespace, TunnelManifests.ClassConfigs, cancellationToken: cancellationToken).ConfigureAwait(false);
            await kubernetes.NetworkingV1.CreateIngressClassAsync(TunnelManifests.IngressClass(tunnel.Name, tunnel.Name, objectNamespace), cancellationToken: cancellationToken).ConfigureAwait(false);
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
    public async Task CreateIngressesAsync(IReadOnlyList<(WorkloadTunnel Tunnel, int Index)> ingresses, CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(ingresses, new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken }, async (item, token) =>
            await kubernetes.NetworkingV1.CreateNamespacedIngressAsync(
                TunnelManifests.Ingress(string.Create(CultureInfo.InvariantCulture, $"{item.Tunnel.Name}-{item.Index:D5}"), objectNamespace, item.Tunnel.Name, [item.Tunnel.Hostname(item.Index)], Service, 80),
                objectNamespace, cancellationToken: token).ConfigureAwait(false))
            .ConfigureAwait(false);

    /// <summary>Deletes what <see cref="SetUpAsync"/> and <see cref="CreateIngressesAsync"/> made.</summary>
    public async Task DeleteAsync(IEnumerable<WorkloadTunnel> tunnels, CancellationToken cancellationToken)
    {
        var ingresses = await kubernetes.NetworkingV1.ListNamespacedIngressAsync(objectNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        await Parallel.ForEachAsync(ingresses.Items, new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken }, async (ingress, token) =>
            await kubernetes.NetworkingV1.DeleteNamespacedIngressAsync(ingress.Metadata.Name, objectNamespace, cancellationToken: token).ConfigureAwait(false))
            .ConfigureAwait(false);
        foreach (var tunnel in tunnels)
        {
            await kubernetes.NetworkingV1.DeleteIngressClassAsync(tunnel.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            await kubernetes.CustomObjects.DeleteNamespacedCustomObjectAsync(
                TunnelManifests.Group, TunnelManifests.Version, objectNamespace, TunnelManifests.ClassConfigs, tunnel.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            await kubernetes.CustomObjects.DeleteClusterCustomObjectAsync(
                TunnelManifests.Group, TunnelManifests.Version, TunnelManifests.ClusterTunnels, tunnel.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
