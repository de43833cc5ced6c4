using System.Text.Json.Nodes;
using CfSync.Cloudflare.Models;
using CfSync.Core.Hashing;
using CfSync.Core.Resources;
using CfSync.Sync.Activities;
using CfSync.Sync.Applying;
using CfSync.Sync.Orchestrations;
using Microsoft.Extensions.Logging;

namespace CfSync.Cloudflare.Applying;

/// <summary>
/// The Cloudflare edge's side of the engine's <see cref="IResourceApplier"/> port for tunnels: PUTs the whole
/// configuration (the aggregate is the complete document, so PUT is the right verb), byte for byte as the aggregator
/// wrote and hashed it, and classifies what went wrong. A drift check reads the configuration first and compares its
/// canonical form with the aggregate: a difference is reported (version, hostnames added or removed, warp-routing,
/// other changes) and, when the installation repairs drift, the aggregate is PUT back.
/// </summary>
internal sealed partial class TunnelConfigurationApplier(CloudflareClient client, ILogger<TunnelConfigurationApplier> logger) : IResourceApplier
{
    public ResourceType ResourceType => ResourceType.TunnelConfiguration;

    public async Task<ApplyResult> ApplyAsync(ApplyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Desired is not { } desired)
        {
            // A tunnel's configuration is not deleted with its sources: the tunnel itself goes with its Tunnel object.
            return ApplyResult.Success();
        }

        if (request.Scope.AccountId is not { } accountId)
        {
            return ApplyFailures.Permanent(
                $"the account of tunnel {request.Resource.CloudflareId} is unknown: set spec.cloudflare.accountId on its Tunnel or ClusterTunnel");
        }

        var tunnelId = request.Resource.CloudflareId;
        try
        {
            string? drift = null;
            if (request.Context.Purpose == ApplyPurpose.DriftCheck)
            {
                var current = await client.Tunnels.GetConfigurationAsync(accountId, tunnelId, cancellationToken).ConfigureAwait(false);
                if (current is null)
                {
                    return ApplyFailures.Permanent($"tunnel {tunnelId} does not exist in account {accountId}");
                }

                drift = Drift(JsonNode.Parse(desired.Json)!.AsObject(), current);
                if (drift is null)
                {
                    return ApplyResult.Success(current.Version);
                }

                Log.DriftFound(logger, tunnelId, drift, request.Context.RepairDrift);
                if (!request.Context.RepairDrift)
                {
                    return ApplyResult.Success(current.Version) with { Drift = drift };
                }
            }

            var applied = await client.Tunnels.PutConfigurationAsync(accountId, tunnelId, desired.ToUtf8(), cancellationToken).ConfigureAwait(false);
            return ApplyResult.Success(applied.Version) with { Drift = drift };
        }
        catch (CloudflareApiException failure)
        {
            return ApplyFailures.From(failure);
        }
    }

    /// <summary>What Cloudflare's configuration changed against the aggregate, or null when it holds the same document.</summary>
    private static string? Drift(JsonObject desired, TunnelConfiguration current)
    {
        var wanted = desired["config"] as JsonObject ?? [];
        var held = current.Config ?? [];
        if (CanonicalJson.ToText(wanted) == CanonicalJson.ToText(held))
        {
            return null;
        }

        var changes = new List<string>();
        var wantedHosts = Hostnames(wanted);
        var heldHosts = Hostnames(held);
        var added = heldHosts.Except(wantedHosts, StringComparer.Ordinal).ToList();
        var removed = wantedHosts.Except(heldHosts, StringComparer.Ordinal).ToList();
        if (added.Count > 0)
        {
            changes.Add($"hostnames added {string.Join(", ", added)}");
        }

        if (removed.Count > 0)
        {
            changes.Add($"hostnames removed {string.Join(", ", removed)}");
        }

        if (added.Count + removed.Count == 0 && CanonicalJson.ToText(wanted["ingress"]) != CanonicalJson.ToText(held["ingress"]))
        {
            changes.Add("ingress rules changed");
        }

        foreach (var key in wanted.Select(p => p.Key).Union(held.Select(p => p.Key)).Order(StringComparer.Ordinal))
        {
            if (key != "ingress" && CanonicalJson.ToText(wanted[key]) != CanonicalJson.ToText(held[key]))
            {
                changes.Add($"{key} {Show(held[key])} (ours {Show(wanted[key])})");
            }
        }

        return $"tunnel {current.TunnelId} configuration version {current.Version} differs from what CfSync applied: {string.Join("; ", changes)}";
    }

    private static List<string> Hostnames(JsonObject config) =>
        config["ingress"] is JsonArray rules
            ? [.. rules.Select(r => r?["hostname"]?.GetValue<string>()).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]
            : [];

    private static string Show(JsonNode? node) => node is null ? "(none)" : CanonicalJson.ToText(node);

    private static partial class Log
    {
        [LoggerMessage(111, LogLevel.Warning, "Tunnel {TunnelId} drifted: {Drift} (repair: {Repair})")]
        public static partial void DriftFound(ILogger logger, string tunnelId, string drift, bool repair);
    }
}
