using System.Net;
using CfSync.Comparison.Benchmarks.Workload;
using k8s;
using k8s.Autorest;

namespace CfSync.Comparison.Benchmarks.Scale;

/// <summary>
/// Writes the scale cases' objects (<see cref="TunnelManifests"/>) into CfSync's dev cluster and deletes them again,
/// <see cref="Concurrency"/> requests at a time. Each tunnel gets a ClusterTunnel, a TunnelIngressClassConfig with
/// manual DNS, an IngressClass and its Ingresses.
/// </summary>
internal sealed class ScaleCluster(IKubernetes kubernetes)
{
    public const string Namespace = "scale";
    private const int Concurrency = 16;

    /// <summary>The tunnels and classes first, then every Ingress.</summary>
    public async Task CreateAsync(IReadOnlyList<ScaleTunnel> tunnels, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(tunnels, Options(cancellationToken), CreateTunnelAsync).ConfigureAwait(false);
        var ingresses = tunnels.SelectMany(t => Enumerable.Range(0, t.Ingresses).Select(i => (Tunnel: t, Index: i)));
        await Parallel.ForEachAsync(ingresses, Options(cancellationToken), (x, ct) => CreateIngressAsync(x.Tunnel, x.Index, ct)).ConfigureAwait(false);
    }

    /// <summary>Every Ingress, then the classes and tunnels; objects already gone are skipped.</summary>
    public async Task DeleteAsync(IReadOnlyList<ScaleTunnel> tunnels, CancellationToken cancellationToken)
    {
        var ingresses = tunnels.SelectMany(t => Enumerable.Range(0, t.Ingresses).Select(t.IngressName));
        await Parallel.ForEachAsync(ingresses, Options(cancellationToken), (name, ct) =>
            Absent(kubernetes.NetworkingV1.DeleteNamespacedIngressAsync(name, Namespace, cancellationToken: ct))).ConfigureAwait(false);
        await Parallel.ForEachAsync(tunnels, Options(cancellationToken), async (tunnel, ct) =>
        {
            await Absent(kubernetes.NetworkingV1.DeleteIngressClassAsync(tunnel.Name, cancellationToken: ct)).ConfigureAwait(false);
            await Absent(kubernetes.CustomObjects.DeleteNamespacedCustomObjectAsync(TunnelManifests.Group, TunnelManifests.Version, Namespace, TunnelManifests.ClassConfigs, tunnel.Name, cancellationToken: ct)).ConfigureAwait(false);
            await Absent(kubernetes.CustomObjects.DeleteClusterCustomObjectAsync(TunnelManifests.Group, TunnelManifests.Version, TunnelManifests.ClusterTunnels, tunnel.Name, cancellationToken: ct)).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private static ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken };

    private static async ValueTask Absent<T>(Task<T> delete)
    {
        try
        {
            await delete.ConfigureAwait(false);
        }
        catch (HttpOperationException missing) when (missing.Response.StatusCode == HttpStatusCode.NotFound)
        {
            // Deleted already (a case that failed half way still cleans up what it made).
        }
    }

    private async ValueTask CreateTunnelAsync(ScaleTunnel tunnel, CancellationToken cancellationToken)
    {
        await kubernetes.CustomObjects.CreateClusterCustomObjectAsync(
            TunnelManifests.ClusterTunnel(tunnel.Name, tunnel.Id, warpRouting: false, "http_status:404"),
            TunnelManifests.Group, TunnelManifests.Version, TunnelManifests.ClusterTunnels, cancellationToken: cancellationToken).ConfigureAwait(false);
        await kubernetes.CustomObjects.CreateNamespacedCustomObjectAsync(
            TunnelManifests.ClassConfig(tunnel.Name, Namespace, tunnel.Name, manualDns: true),
            TunnelManifests.Group, TunnelManifests.Version, Namespace, TunnelManifests.ClassConfigs, cancellationToken: cancellationToken).ConfigureAwait(false);
        await kubernetes.NetworkingV1.CreateIngressClassAsync(TunnelManifests.IngressClass(tunnel.Name, tunnel.Name, Namespace), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask CreateIngressAsync(ScaleTunnel tunnel, int index, CancellationToken cancellationToken) =>
        await kubernetes.NetworkingV1.CreateNamespacedIngressAsync(
            TunnelManifests.Ingress(tunnel.IngressName(index), Namespace, tunnel.Name, Enumerable.Range(0, tunnel.HostsPerIngress).Select(h => tunnel.Hostname(index, h)), "web", 80),
            Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
}
