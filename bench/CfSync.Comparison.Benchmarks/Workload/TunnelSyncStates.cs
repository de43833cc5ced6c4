using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Core.Resources;
using CfSync.Kubernetes.SyncStates;
using k8s;

namespace CfSync.Comparison.Benchmarks.Workload;

/// <summary>What CfSync mirrors of one tunnel configuration's sync into its CloudflareSyncState.</summary>
internal sealed record TunnelSyncState(string? SyncStatus, int RuleCount, string? ConfigHash)
{
    public bool Synced => SyncStatus == "Synced";
}

/// <summary>
/// The tunnel configurations' CloudflareSyncStates (the cluster's, free of Cloudflare budget): how every scenario tells
/// that CfSync has synced its tunnels, or let go of them. A few tunnels are read one by one; many with one list.
/// </summary>
internal static class TunnelSyncStates
{
    /// <summary>The tunnel's state, or null when no sync has been mirrored yet (or none any more).</summary>
    public static async Task<TunnelSyncState?> GetAsync(IKubernetes kubernetes, string tunnelId, CancellationToken cancellationToken)
    {
        try
        {
            var state = await kubernetes.CustomObjects.GetClusterCustomObjectAsync(
                SyncStateNames.Group, SyncStateNames.Version, SyncStateNames.Plural,
                SyncStateNames.For(new ResourceIdentity(ResourceType.TunnelConfiguration, tunnelId)), cancellationToken).ConfigureAwait(false);
            return Read(JsonSerializer.SerializeToNode(state));
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Every state, keyed by tunnel id; a tunnel without one has had no sync mirrored yet (or none any more).</summary>
    public static async Task<IReadOnlyDictionary<string, TunnelSyncState>> ListAsync(IKubernetes kubernetes, CancellationToken cancellationToken)
    {
        var list = await kubernetes.CustomObjects.ListClusterCustomObjectAsync(
            SyncStateNames.Group, SyncStateNames.Version, SyncStateNames.Plural, cancellationToken: cancellationToken).ConfigureAwait(false);
        var states = new Dictionary<string, TunnelSyncState>(StringComparer.Ordinal);
        foreach (var item in JsonSerializer.SerializeToNode(list)?["items"]?.AsArray().OfType<JsonNode>() ?? [])
        {
            if ((string?)item["spec"]?["resourceType"] == nameof(ResourceType.TunnelConfiguration) && (string?)item["spec"]?["cloudflareId"] is { } id)
            {
                states[id] = Read(item);
            }
        }

        return states;
    }

    private static TunnelSyncState Read(JsonNode? state) =>
        new((string?)state?["status"]?["syncStatus"], (int?)state?["status"]?["ruleCount"] ?? 0, (string?)state?["status"]?["configHash"]);
}
