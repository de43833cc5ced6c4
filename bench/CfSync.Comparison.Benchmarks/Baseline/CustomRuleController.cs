using System.Text.Json.Nodes;
using k8s;

namespace CfSync.Comparison.Benchmarks.Baseline;

/// <summary>
/// The seed's controller for one custom kind of rule source (<see cref="CustomRuleKinds"/>): per event, the object's
/// rules written into the tunnel it leads to (<see cref="RuleWriter"/>), with the settings read the first time this
/// controller met that tunnel.
/// </summary>
internal sealed class CustomRuleController(IKubernetes kubernetes, TunnelConfigurationApi cloudflare, ReconcileQueue queue, CustomRuleKind kind)
{
    private readonly TunnelViews tunnels = new(kubernetes);
    private readonly RuleWriter writer = new(cloudflare);

    public Task StartAsync(CancellationToken stopping) =>
        ObjectWatch.RunCustomAsync(kubernetes, kind.Group, kind.Version, kind.Plural,
            (type, item) => queue.Enqueue(token => ReconcileAsync(item, type == WatchEventType.Deleted, token)), stopping);

    private async Task<TimeSpan?> ReconcileAsync(JsonNode item, bool deleted, CancellationToken cancellationToken)
    {
        if (await kind.TunnelOf(kubernetes, tunnels, item, cancellationToken).ConfigureAwait(false) is not { } tunnel)
        {
            return null;
        }

        var source = $"{kind.Kind}/{(string?)item["metadata"]?["namespace"]}/{(string?)item["metadata"]?["name"]}";
        return await writer.WriteAsync(tunnel, source, deleted ? [] : kind.Rules(item), cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>
/// A custom kind the seed's rule controllers follow: where its objects are served, the tunnel an object leads to (null
/// when it leads to none), and the rules it gives.
/// </summary>
internal sealed record CustomRuleKind(
    string Kind,
    string Group,
    string Version,
    string Plural,
    Func<IKubernetes, TunnelViews, JsonNode, CancellationToken, Task<TunnelView?>> TunnelOf,
    Func<JsonNode, IReadOnlyList<JsonObject>> Rules);
