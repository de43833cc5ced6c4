using System.Security.Cryptography;
using System.Text;
using CfSync.Core.Resources;
using CfSync.Kubernetes.SyncStates;
using CfSync.Testing;

namespace CfSync.EndToEnd.Tests;

/// <summary>What "Cloudflare ends right" means here, per tunnel the render configures.</summary>
internal static class CloudflareChecks
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Waits until, for every tunnel the render of <paramref name="manifests"/> configures, the last successful PUT of its
    /// configuration is the render's body byte for byte, its sha256 is the render's configHash, and its
    /// CloudflareSyncState says Synced with that hash. Returns the rendered tunnels.
    /// </summary>
    public static async Task<IReadOnlyList<RenderedTunnel>> HoldsTheRenderAsync(this Loop loop, Manifests manifests)
    {
        var tunnels = await Render.TunnelsAsync(manifests.Folder);
        Assert.NotEmpty(tunnels);
        await Eventually.AssertAsync(async () =>
        {
            foreach (var tunnel in tunnels)
            {
                var put = loop.Engine.PutsTo(tunnel.TunnelId).LastOrDefault(e => e.Status == 200 && !e.Aborted);
                Assert.True(put is not null, $"Cloudflare received no configuration for tunnel {tunnel.TunnelId}");
                Assert.Equal(tunnel.Body, put.RequestBody);
                Assert.Equal(tunnel.ConfigHash, HashOf(put.RequestBody!));
                var state = await loop.SyncStateAsync(tunnel.TunnelId);
                Assert.True(state is not null, $"no CloudflareSyncState for tunnel {tunnel.TunnelId}");
                Assert.Equal("Synced", (string?)state["status"]?["syncStatus"]);
                Assert.Equal(tunnel.ConfigHash, (string?)state["status"]?["configHash"]);
            }
        }, Patience, TimeSpan.FromMilliseconds(250));
        return tunnels;
    }

    /// <summary>The CloudflareSyncState of a tunnel's configuration, or null when there is none.</summary>
    public static Task<System.Text.Json.Nodes.JsonObject?> SyncStateAsync(this Loop loop, string tunnelId) =>
        loop.SyncStateAsync(new ResourceIdentity(ResourceType.TunnelConfiguration, tunnelId));

    /// <summary>The CloudflareSyncState of a resource, or null when there is none.</summary>
    public static Task<System.Text.Json.Nodes.JsonObject?> SyncStateAsync(this Loop loop, ResourceIdentity resource) =>
        loop.Objects.GetClusterObjectAsync(SyncStateNames.Group, SyncStateNames.Version, SyncStateNames.Plural, SyncStateNames.For(resource));

    private static string HashOf(string body) => $"sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))}";
}
