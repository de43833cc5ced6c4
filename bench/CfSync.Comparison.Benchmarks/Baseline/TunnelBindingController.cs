using System.Text.Json.Nodes;
using CfSync.Comparison.Benchmarks.Workload;
using k8s;

namespace CfSync.Comparison.Benchmarks.Baseline;

/// <summary>
/// The seed's TunnelBinding controller: per TunnelBinding event, a rule per subject (its fqdn to its target) written
/// into the ClusterTunnel its tunnelRef names (<see cref="RuleWriter"/>), with the settings read the first time it met
/// that tunnel.
/// </summary>
internal sealed class TunnelBindingController(IKubernetes kubernetes, TunnelConfigurationApi cloudflare, ReconcileQueue queue)
{
    private readonly TunnelViews tunnels = new(kubernetes);
    private readonly RuleWriter writer = new(cloudflare);

    public Task StartAsync(CancellationToken stopping) =>
        ObjectWatch.RunCustomAsync(kubernetes, TunnelManifests.Group, TunnelManifests.TunnelBindingVersion, TunnelManifests.TunnelBindings,
            (type, binding) => queue.Enqueue(token => ReconcileAsync(binding, type == WatchEventType.Deleted, token)), stopping);

    private async Task<TimeSpan?> ReconcileAsync(JsonNode binding, bool deleted, CancellationToken cancellationToken)
    {
        if (binding["tunnelRef"] is not { } reference || (string?)reference["kind"] != "ClusterTunnel" || (string?)reference["name"] is not { } name
            || await tunnels.OfClusterTunnelAsync(name, cancellationToken).ConfigureAwait(false) is not { } tunnel)
        {
            return null;
        }

        var rules = deleted ? [] : (binding["subjects"]?.AsArray() ?? [])
            .Where(s => (string?)s?["spec"]?["fqdn"] is not null)
            .Select(s => new JsonObject { ["hostname"] = (string?)s!["spec"]!["fqdn"], ["service"] = (string?)s["spec"]!["target"] })
            .ToList();
        return await writer.WriteAsync(tunnel, $"TunnelBinding/{(string?)binding["metadata"]?["namespace"]}/{(string?)binding["metadata"]?["name"]}", rules, cancellationToken).ConfigureAwait(false);
    }
}
