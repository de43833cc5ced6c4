using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CfSync.Cloudflare.Emulator.Control;
using k8s;
using k8s.Models;

namespace CfSync.Comparison.Benchmarks.Sustained;

/// <summary>One change the load made: tunnel, version (the hostname's <c>v{n}</c>) and when the API server answered.</summary>
internal sealed record TunnelChange(string TunnelId, int Version, DateTimeOffset Returned);

/// <summary>
/// Tunnels that each change once per period: every tunnel is a ClusterTunnel (warp-routing on, a fallback) with its
/// own IngressClass and one Ingress, and a change patches that Ingress's hostname to the next version. The set-up is
/// applied with kubectl, as a user would; the changes go through the client (a kubectl per change would measure
/// kubectl's start-up instead).
/// </summary>
internal sealed class SustainedLoad(string label, int tunnels, string kubeconfig, IKubernetes cluster)
{
    public const string Namespace = "sustained";
    private const string Account = "0123456789abcdef0123456789abcdef";

    public IReadOnlyList<string> TunnelIds { get; } =
        Enumerable.Range(0, tunnels).Select(i => TunnelId($"{label}-{i}")).ToList();

    public static int? VersionOf(string hostname) =>
        hostname.StartsWith('v') && hostname.IndexOf('-', StringComparison.Ordinal) is > 1 and var dash
            && int.TryParse(hostname.AsSpan(1, dash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version : null;

    public async Task SetUpAsync(EmulatorControlClient emulator, string workDirectory, CancellationToken cancellationToken)
    {
        await emulator.SeedAsync(
            new EmulatorSeed { Tunnels = TunnelIds.Select((id, i) => new SeedTunnel(Account, id, $"{label}-{i}")).ToList() },
            cancellationToken).ConfigureAwait(false);
        var manifests = Path.Combine(workDirectory, $"{label}.yaml");
        await File.WriteAllTextAsync(manifests, Manifests(), cancellationToken).ConfigureAwait(false);
        await Kubectl.RunAsync(kubeconfig, ["apply", "-f", manifests], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Each tunnel changes once per <paramref name="period"/>, the tunnels spread over the period, for <paramref name="duration"/>.</summary>
    public async Task<IReadOnlyList<TunnelChange>> RunAsync(TimeSpan period, TimeSpan duration, CancellationToken cancellationToken)
    {
        var rounds = (int)(duration / period);
        var pending = new List<Task<TunnelChange>>(rounds * tunnels);
        var clock = Stopwatch.StartNew();
        for (var round = 1; round <= rounds; round++)
        {
            for (var i = 0; i < tunnels; i++)
            {
                var due = (period * (round - 1)) + (period * i / tunnels) - clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, cancellationToken).ConfigureAwait(false);
                }

                pending.Add(ChangeAsync(i, round, cancellationToken));
            }
        }

        return await Task.WhenAll(pending).ConfigureAwait(false);
    }

    public Task TearDownAsync(string workDirectory, CancellationToken cancellationToken) =>
        Kubectl.RunAsync(kubeconfig, ["delete", "--wait=false", "-f", Path.Combine(workDirectory, $"{label}.yaml")], cancellationToken);

    private async Task<TunnelChange> ChangeAsync(int tunnel, int version, CancellationToken cancellationToken)
    {
        var patch = """{"spec":{"rules":[{"host":"HOST","http":{"paths":[{"path":"/","pathType":"Prefix","backend":{"service":{"name":"origin","port":{"number":8080}}}}]}}]}}"""
            .Replace("HOST", Hostname(tunnel, version), StringComparison.Ordinal);
        await cluster.NetworkingV1.PatchNamespacedIngressAsync(
            new V1Patch(patch, V1Patch.PatchType.MergePatch), Name(tunnel), Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new TunnelChange(TunnelIds[tunnel], version, DateTimeOffset.UtcNow);
    }

    private string Name(int tunnel) => string.Create(CultureInfo.InvariantCulture, $"{label}-{tunnel}");

    private string Hostname(int tunnel, int version) => string.Create(CultureInfo.InvariantCulture, $"v{version}-{Name(tunnel)}.example.com");

    private string Manifests()
    {
        var yaml = new StringBuilder($"""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: {Namespace}
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: origin
              namespace: {Namespace}
            spec:
              ports:
                - name: http
                  port: 8080

            """);
        for (var i = 0; i < tunnels; i++)
        {
            var name = Name(i);
            yaml.Append(CultureInfo.InvariantCulture, $"""
                ---
                apiVersion: networking.cloudflare-operator.io/v1alpha2
                kind: ClusterTunnel
                metadata:
                  name: {name}
                spec:
                  existingTunnel:
                    id: {TunnelIds[i]}
                  enableWarpRouting: true
                  fallbackTarget: http_status:404
                  cloudflare:
                    accountId: {Account}
                    domain: example.com
                    secret: cloudflare-api-token
                ---
                apiVersion: networking.cloudflare-operator.io/v1alpha2
                kind: TunnelIngressClassConfig
                metadata:
                  name: {name}
                  namespace: {Namespace}
                spec:
                  tunnelRef:
                    kind: ClusterTunnel
                    name: {name}
                  defaultProtocol: http
                ---
                apiVersion: networking.k8s.io/v1
                kind: IngressClass
                metadata:
                  name: {name}
                spec:
                  controller: cloudflare-operator.io/tunnel-ingress-controller
                  parameters:
                    apiGroup: networking.cloudflare-operator.io
                    kind: TunnelIngressClassConfig
                    name: {name}
                    namespace: {Namespace}
                    scope: Namespace
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: {name}
                  namespace: {Namespace}
                spec:
                  ingressClassName: {name}
                  rules:
                    - host: {Hostname(i, 0)}
                      http:
                        paths:
                          - path: /
                            pathType: Prefix
                            backend:
                              service:
                                name: origin
                                port:
                                  number: 8080

                """);
        }

        return yaml.ToString();
    }

    /// <summary>A stable UUID-shaped tunnel id per name, so a rerun seeds the same ids.</summary>
    private static string TunnelId(string name) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16)).ToString();
}
