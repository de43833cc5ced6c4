using System.Text.Json.Nodes;
using CfSync.Core.Tunnels;

namespace CfSync.Cloudflare.Emulator.Api;

/// <summary>cfd_tunnel GET and configuration GET/PUT (version bumps on every accepted PUT; PUT replaces the document).</summary>
internal sealed class TunnelHandlers(EmulatorStore store)
{
    public ApiResponse GetTunnel(ApiRequest request) =>
        Find(request) is { } tunnel ? ApiResponse.Ok(tunnel.DeepClone()) : NotFound();

    public ApiResponse GetConfiguration(ApiRequest request)
    {
        if (Find(request) is null)
        {
            return NotFound();
        }

        var tunnelId = request["tunnel_id"];
        return ApiResponse.Ok(store.Configurations.TryGetValue(tunnelId, out var current)
            ? current.DeepClone()
            : store.Configuration(request["account_id"], tunnelId, 0, []));
    }

    public ApiResponse PutConfiguration(ApiRequest request)
    {
        if (Find(request) is null)
        {
            return NotFound();
        }

        var config = request.BodyObject["config"] as JsonObject ?? [];
        var problems = CloudflaredIngressRules.ValidateConfiguration(config);
        if (problems.Count > 0)
        {
            // cloudflared's message as Cloudflare relays it, trailing newline included (NOTES.md, observed).
            return ApiResponse.Error(400, [.. problems.Distinct().Select(p => (1056, $"Bad Configuration: Validation failed: {p.TrimEnd()}\n"))]);
        }

        var tunnelId = request["tunnel_id"];
        var version = store.Configurations.TryGetValue(tunnelId, out var current) ? current["version"]!.GetValue<int>() + 1 : 1;
        var stored = store.Configuration(request["account_id"], tunnelId, version, (JsonObject)config.DeepClone());
        store.Configurations[tunnelId] = stored;
        return ApiResponse.Ok(stored.DeepClone());
    }

    private JsonObject? Find(ApiRequest request) =>
        store.Tunnels.TryGetValue(request["tunnel_id"], out var tunnel) && tunnel["account_tag"]?.GetValue<string>() == request["account_id"]
            ? tunnel
            : null;

    // No authoritative code exists for a missing tunnel (NOTES.md); clients must key on the 404.
    private static ApiResponse NotFound() => ApiResponse.Error(404, (1003, "Tunnel not found"));
}
