using System.Text.Json.Nodes;

namespace CfSync.Comparison.Benchmarks.Baseline;

/// <summary>A controller's view of one tunnel: where to write, and the settings it puts in every configuration it writes.</summary>
internal sealed record TunnelView(string AccountId, string TunnelId, bool WarpRouting, string Fallback)
{
    /// <summary>From a ClusterTunnel or Tunnel object (spec.existingTunnel.id, else status.tunnelId); null before it has an id.</summary>
    public static TunnelView? Of(JsonNode tunnel)
    {
        var spec = tunnel["spec"];
        var id = (string?)spec?["existingTunnel"]?["id"] ?? (string?)tunnel["status"]?["tunnelId"];
        var account = (string?)spec?["cloudflare"]?["accountId"] ?? (string?)tunnel["status"]?["accountId"];
        return id is null || account is null
            ? null
            : new TunnelView(account, id, (bool?)spec?["enableWarpRouting"] ?? false, (string?)spec?["fallbackTarget"] ?? "http_status:404");
    }

    /// <summary>
    /// <paramref name="config"/> with <paramref name="owned"/>'s hostnames replaced by <paramref name="rules"/>, and this
    /// view's warp-routing and catch-all: what every seed controller PUT, whatever the other controllers last wrote.
    /// </summary>
    public JsonObject Apply(JsonObject config, IReadOnlySet<string> owned, IEnumerable<JsonObject> rules)
    {
        var kept = (config["ingress"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(r => (string?)r["hostname"] is { } host && !owned.Contains(host))
            .Select(r => r.DeepClone());
        config["ingress"] = new JsonArray([.. kept, .. rules, new JsonObject { ["service"] = Fallback }]);
        config["warp-routing"] = new JsonObject { ["enabled"] = WarpRouting };
        return config;
    }
}
