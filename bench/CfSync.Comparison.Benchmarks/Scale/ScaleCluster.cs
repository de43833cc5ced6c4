using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace CfSync.Comparison.Benchmarks.Scale;

/// <summary>
/// Writes the scale cases' objects into CfSync's dev cluster and deletes them again, <see cref="Concurrency"/> requests
/// at a time. Each tunnel gets a ClusterTunnel, a TunnelIngressClassConfig with <c>dnsManagement: Manual</c> (the cases
/// measure the tunnel configuration; 10,000 CNAMEs would measure the DNS budget instead), an IngressClass and its
/// Ingresses.
/// </summary>
internal sealed class ScaleCluster(IKubernetes kubernetes)
{
    public const string Namespace = "scale";
    private const int Concurrency = 16;
    private const string Group = "networking.cloudflare-operator.io";
    private const string Version = "v1alpha2";
    private const string Controller = "cloudflare-operator.io/tunnel-ingress-controller";

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
            await Absent(kubernetes.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, Version, Namespace, "tunnelingressclassconfigs", tunnel.Name, cancellationToken: ct)).ConfigureAwait(false);
            await Absent(kubernetes.CustomObjects.DeleteClusterCustomObjectAsync(Group, Version, "clustertunnels", tunnel.Name, cancellationToken: ct)).ConfigureAwait(false);
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
        var clusterTunnel = new JsonObject
        {
            ["apiVersion"] = $"{Group}/{Version}",
            ["kind"] = "ClusterTunnel",
            ["metadata"] = new JsonObject { ["name"] = tunnel.Name },
            ["spec"] = new JsonObject
            {
                ["existingTunnel"] = new JsonObject { ["id"] = tunnel.Id },
                ["fallbackTarget"] = "http_status:404",
                ["cloudflare"] = new JsonObject { ["accountId"] = ScaleTunnel.AccountId, ["domain"] = "example.com", ["secret"] = "cloudflare-api-token" },
            },
        };
        await kubernetes.CustomObjects.CreateClusterCustomObjectAsync(clusterTunnel, Group, Version, "clustertunnels", cancellationToken: cancellationToken).ConfigureAwait(false);
        var classConfig = new JsonObject
        {
            ["apiVersion"] = $"{Group}/{Version}",
            ["kind"] = "TunnelIngressClassConfig",
            ["metadata"] = new JsonObject { ["name"] = tunnel.Name, ["namespace"] = Namespace },
            ["spec"] = new JsonObject
            {
                ["tunnelRef"] = new JsonObject { ["kind"] = "ClusterTunnel", ["name"] = tunnel.Name },
                ["defaultProtocol"] = "http",
                ["dnsManagement"] = "Manual",
            },
        };
        await kubernetes.CustomObjects.CreateNamespacedCustomObjectAsync(classConfig, Group, Version, Namespace, "tunnelingressclassconfigs", cancellationToken: cancellationToken).ConfigureAwait(false);
        var ingressClass = new V1IngressClass
        {
            Metadata = new V1ObjectMeta { Name = tunnel.Name },
            Spec = new V1IngressClassSpec
            {
                Controller = Controller,
                Parameters = new V1IngressClassParametersReference
                {
                    ApiGroup = Group, Kind = "TunnelIngressClassConfig", Name = tunnel.Name, NamespaceProperty = Namespace, Scope = "Namespace",
                },
            },
        };
        await kubernetes.NetworkingV1.CreateIngressClassAsync(ingressClass, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask CreateIngressAsync(ScaleTunnel tunnel, int index, CancellationToken cancellationToken)
    {
        var backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "web", Port = new V1ServiceBackendPort { Number = 80 } } };
        var ingress = new V1Ingress
        {
            Metadata = new V1ObjectMeta { Name = tunnel.IngressName(index), NamespaceProperty = Namespace },
            Spec = new V1IngressSpec
            {
                IngressClassName = tunnel.Name,
                Rules =
                [
                    .. Enumerable.Range(0, tunnel.HostsPerIngress).Select(h => new V1IngressRule
                    {
                        Host = tunnel.Hostname(index, h),
                        Http = new V1HTTPIngressRuleValue { Paths = [new V1HTTPIngressPath { Path = "/", PathType = "Prefix", Backend = backend }] },
                    }),
                ],
            },
        };
        await kubernetes.NetworkingV1.CreateNamespacedIngressAsync(ingress, Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
