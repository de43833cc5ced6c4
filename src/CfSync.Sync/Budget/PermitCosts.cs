using CfSync.Core.Resources;
using CfSync.Sync.Applying;

namespace CfSync.Sync.Budget;

/// <summary>
/// What one sync is expected to cost in Cloudflare calls, asked for before it starts; the sync settles the calls it
/// really made. A tunnel's configuration is one PUT (a drift check reads it first); a tunnel's DNS records need the
/// zones, the records and a write; a 1:1 object is found, then written.
/// </summary>
public static class PermitCosts
{
    public static int Of(ResourceType type, ApplyPurpose purpose) => type switch
    {
        ResourceType.TunnelConfiguration => purpose == ApplyPurpose.DriftCheck ? 2 : 1,
        ResourceType.TunnelDnsRecords => 3,
        _ => 2,
    };
}
