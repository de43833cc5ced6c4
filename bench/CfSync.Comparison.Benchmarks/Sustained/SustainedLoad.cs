using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CfSync.Cloudflare.Emulator.Control;
using CfSync.Comparison.Benchmarks.Workload;
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
    private const string Origin = "origin";
    private const int OriginPort = 8080;

    public IReadOnlyList<string> TunnelIds { get; } =
        Enumerable.Range(0, tunnels).Select(i => TunnelId($"{label}-{i}")).ToList();

    public static int? VersionOf(string hostname) =>
        hostname.StartsWith('v') && hostname.IndexOf('-', StringComparison.Ordinal) is > 1 and var dash
            && int.TryParse(hostname.AsSpan(1, dash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version : null;

    public async Task SetUpAsync(EmulatorControlClient emulator, string workDirectory, CancellationToken cancellationToken)
    {
        await emulator.SeedAsync(
            new EmulatorSeed { Tunnels = TunnelIds.Select((id, i) => new SeedTunnel(TunnelManifests.AccountId, id, $"{label}-{i}")).ToList() },
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
        var spec = TunnelManifests.Ingress(Name(tunnel), Namespace, Name(tunnel), [Hostname(tunnel, version)], Origin, OriginPort).Spec;
        var patch = $$"""{"spec":{{KubernetesJson.Serialize(spec)}}}""";
        await cluster.NetworkingV1.PatchNamespacedIngressAsync(
            new V1Patch(patch, V1Patch.PatchType.MergePatch), Name(tunnel), Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new TunnelChange(TunnelIds[tunnel], version, DateTimeOffset.UtcNow);
    }

    private string Name(int tunnel) => string.Create(CultureInfo.InvariantCulture, $"{label}-{tunnel}");

    private string Hostname(int tunnel, int version) => string.Create(CultureInfo.InvariantCulture, $"v{version}-{Name(tunnel)}.example.com");

    private string Manifests() => TunnelManifests.Yaml(
    [
        TunnelManifests.Namespace(Namespace),
        TunnelManifests.Service(Origin, Namespace, OriginPort),
        .. Enumerable.Range(0, tunnels).SelectMany(i => new object[]
        {
            TunnelManifests.ClusterTunnel(Name(i), TunnelIds[i], warpRouting: true, "http_status:404"),
            TunnelManifests.ClassConfig(Name(i), Namespace, Name(i)),
            TunnelManifests.IngressClass(Name(i), Name(i), Namespace),
            TunnelManifests.Ingress(Name(i), Namespace, Name(i), [Hostname(i, 0)], Origin, OriginPort),
        }),
    ]);

    /// <summary>A stable UUID-shaped tunnel id per name, so a rerun seeds the same ids.</summary>
    private static string TunnelId(string name) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16)).ToString();
}
