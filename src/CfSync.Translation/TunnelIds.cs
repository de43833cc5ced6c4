using CfSync.Core.Resources;

namespace CfSync.Translation;

/// <summary>
/// Cloudflare ids for tunnels the cluster has not created yet (neither <c>spec.existingTunnel.id</c> nor
/// <c>status.tunnelId</c> set), by the tunnel's source key (<c>Tunnel/&lt;ns&gt;/&lt;name&gt;</c>,
/// <c>ClusterTunnel/&lt;name&gt;</c>). With <see cref="Pending"/>, every other such tunnel gets the identity
/// <c>pending:&lt;source key&gt;</c> instead of rejecting what it carries, so a render shows a new tunnel's rules
/// before the operator creates it. The engine uses <see cref="None"/>: a tunnel without id is not applied.
/// </summary>
public sealed record TunnelIds(IReadOnlyDictionary<string, string> Supplied, bool Pending)
{
    public const string PendingPrefix = "pending:";

    public static TunnelIds None { get; } = new(new Dictionary<string, string>(), Pending: false);

    /// <summary>True for the configuration or the DNS records of a tunnel shown under its pending identity.</summary>
    public static bool IsPending(ResourceIdentity resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.ResourceType is ResourceType.TunnelConfiguration or ResourceType.TunnelDnsRecords
            && resource.CloudflareId.StartsWith(PendingPrefix, StringComparison.Ordinal);
    }

    /// <summary>The id for a tunnel without one in the cluster; null when it has none here either.</summary>
    public string? For(string tunnelKey) =>
        Supplied.GetValueOrDefault(tunnelKey) ?? (Pending ? PendingPrefix + tunnelKey : null);
}
