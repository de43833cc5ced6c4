using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CfSync.Cloudflare.Emulator.Control;
using CfSync.Comparison.Benchmarks.Workload;

namespace CfSync.Comparison.Benchmarks.Chaos;

/// <summary>
/// The chaos scenarios' own tunnel: seeded in the emulator, a ClusterTunnel with its IngressClass in CfSync's dev
/// cluster, and the Ingresses the scenarios add and edit (<see cref="TunnelManifests"/>). Every object is a YAML file in <see cref="Folder"/>, applied
/// with kubectl, so `cfsync render` of the folder sees exactly what the cluster holds.
/// </summary>
internal sealed class ChaosTunnel(ComparisonOptions options, HttpClient http, string folder)
{
    public const string TunnelId = "c4a05000-0014-4000-8000-00000000c4a0";
    public const string Namespace = "chaos";
    // CfSync:Bridge:Lease's defaults; run-local's kubeconfig names no namespace.
    private const string BridgeLease = "cfsync-bridge";
    private const string IngressClass = "chaos-tunnel";
    private const string ClassConfig = "chaos-ingress";
    private const string ClassConfigNamespace = "cloudflare-system";
    private const string Service = "web";
    private const int ServicePort = 8080;

    public string Folder { get; } = folder;

    /// <summary>The emulator path (below client/v4) of the tunnel's configuration, for fault rules and the journal.</summary>
    public static string ConfigurationPath => $"accounts/{TunnelManifests.AccountId}/cfd_tunnel/{TunnelId}/configurations";

    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        var control = new EmulatorControlClient(http, options.Emulator);
        await control.SeedAsync(new EmulatorSeed { Tunnels = [new SeedTunnel(TunnelManifests.AccountId, TunnelId, "chaos")] }, cancellationToken).ConfigureAwait(false);
        await WriteAsync("00-chaos-tunnel.yaml",
        [
            TunnelManifests.Namespace(Namespace),
            TunnelManifests.ClusterTunnel("chaos", TunnelId, warpRouting: false, "http_status:404"),
            TunnelManifests.IngressClass(IngressClass, ClassConfig, ClassConfigNamespace),
            TunnelManifests.ClassConfig(ClassConfig, ClassConfigNamespace, "chaos"),
            TunnelManifests.Service(Service, Namespace, ServicePort),
        ], cancellationToken).ConfigureAwait(false);
        await ApplyAsync("00-chaos-tunnel.yaml", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes everything the folder holds from the cluster, so later scenarios see the samples only.</summary>
    public async Task DeleteAsync(CancellationToken cancellationToken) =>
        await Kubectl.RunAsync(options.Kubeconfig, [.. CacheDirectory(), "delete", "-f", Folder, "--ignore-not-found", "--wait=false"], cancellationToken).ConfigureAwait(false);

    /// <summary>Creates or replaces the Ingress <paramref name="name"/> with one host routed to <paramref name="path"/>.</summary>
    public async Task PutIngressAsync(string name, string path, CancellationToken cancellationToken)
    {
        await WriteIngressAsync(name, path, cancellationToken).ConfigureAwait(false);
        await ApplyIngressAsync(name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the Ingress's manifest only: a scenario renders it before the change is made, to time from the change.</summary>
    public Task WriteIngressAsync(string name, string path, CancellationToken cancellationToken) =>
        WriteAsync($"10-{name}.yaml", [TunnelManifests.Ingress(name, Namespace, IngressClass, [$"{name}.chaos.example.com"], Service, ServicePort, path)], cancellationToken);

    public Task ApplyIngressAsync(string name, CancellationToken cancellationToken) => ApplyAsync($"10-{name}.yaml", cancellationToken);

    /// <summary>
    /// Makes <paramref name="identity"/> the bridge Lease's holder, renewed now: that replica leads at its next retry,
    /// the old leader stops when it cannot renew.
    /// </summary>
    public async Task HandLeaseAsync(string identity, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        await Kubectl.RunAsync(options.Kubeconfig, [.. CacheDirectory(), "patch", "lease", BridgeLease, "-n", "default", "--type=merge",
            "-p", $$$"""{"spec":{"holderIdentity":"{{{identity}}}","renewTime":"{{{now}}}"}}"""], cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> LeaseHolderAsync(CancellationToken cancellationToken) =>
        (await Kubectl.RunAsync(options.Kubeconfig, [.. CacheDirectory(), "get", "lease", BridgeLease, "-n", "default", "-o", "jsonpath={.spec.holderIdentity}"], cancellationToken).ConfigureAwait(false)).Trim();

    /// <summary>The Ingress's uid and resourceVersion as the API server holds them.</summary>
    public async Task<(string Uid, string ResourceVersion)> IdentityAsync(string name, CancellationToken cancellationToken)
    {
        var output = await Kubectl.RunAsync(options.Kubeconfig, [.. CacheDirectory(), "get", "ingress", name, "-n", Namespace, "-o", "jsonpath={.metadata.uid} {.metadata.resourceVersion}"], cancellationToken).ConfigureAwait(false);
        var parts = output.Trim().Split(' ');
        return (parts[0], parts[1]);
    }

    /// <summary>The tunnel configuration `cfsync render` of the folder gives (its <c>desired.config</c>).</summary>
    public async Task<JsonNode> RenderAsync(CancellationToken cancellationToken)
    {
        var cli = Path.Combine(Repository, "src", "CfSync.Cli", "bin", "Release", "net10.0", "cfsync.dll");
        // Exit 1 only says a source (of the samples' kinds) is rejected; the JSON is printed either way.
        var json = await Commands.RunAsync("dotnet", [cli, "render", Folder], cancellationToken, acceptedExitCodes: [0, 1]).ConfigureAwait(false);
        var resource = JsonNode.Parse(json)!["resources"]!.AsArray()
            .Single(r => (string?)r!["resourceType"] == "TunnelConfiguration" && (string?)r["cloudflareId"] == TunnelId)!;
        return resource["desired"]!["config"]!;
    }

    /// <summary>What Cloudflare holds for the tunnel (the emulator's GET, with CfSync's token).</summary>
    public async Task<JsonNode?> CloudflareAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.EmulatorApi, ConfigurationPath));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ComparisonOptions.CfSyncToken);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))!["result"]?["config"]
            : null;
    }

    /// <summary>
    /// Seconds from <paramref name="since"/> (a <see cref="Stopwatch"/> timestamp) until Cloudflare's configuration
    /// equals <paramref name="expected"/> (the render of the final manifests), or null when it did not within
    /// <paramref name="limit"/>.
    /// </summary>
    public async Task<double?> SecondsToConvergeAsync(JsonNode expected, long since, TimeSpan limit, CancellationToken cancellationToken)
    {
        while (Stopwatch.GetElapsedTime(since) < limit)
        {
            if (JsonNode.DeepEquals(await CloudflareAsync(cancellationToken).ConfigureAwait(false), expected))
            {
                return Stopwatch.GetElapsedTime(since).TotalSeconds;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    public static string Repository =>
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));

    // kubectl's discovery cache of its own: each run's dev cluster has another port.
    private string[] CacheDirectory() => ["--cache-dir", Path.Combine(Folder, "..", "kube-cache")];

    private Task WriteAsync(string file, IEnumerable<object> objects, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(Path.Combine(Folder, file), TunnelManifests.Yaml(objects), cancellationToken);

    private async Task ApplyAsync(string file, CancellationToken cancellationToken) =>
        await Kubectl.RunAsync(options.Kubeconfig, [.. CacheDirectory(), "apply", "-f", Path.Combine(Folder, file)], cancellationToken).ConfigureAwait(false);
}
