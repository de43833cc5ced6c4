using System.Text.Json.Serialization;

namespace CfSync.Core.Resources;

/// <summary>The Cloudflare resource types CfSync keeps in sync (names from the design's seed table).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ResourceType>))]
public enum ResourceType
{
    /// <summary>A tunnel's remote configuration: aggregated from many sources.</summary>
    TunnelConfiguration,

    /// <summary>
    /// The proxied CNAMEs <c>host -> tunnel-id.cfargotunnel.com</c> of every hostname a tunnel serves, with their
    /// ownership records; keyed by tunnel id, aggregated from the same sources as the tunnel's configuration.
    /// </summary>
    TunnelDnsRecords,

    /// <summary>One DNS record (1:1).</summary>
    DNSRecord,

    /// <summary>One Access application (1:1).</summary>
    AccessApplication,

    /// <summary>One private network route through a tunnel (1:1).</summary>
    NetworkRoute,

    /// <summary>One Gateway rule (1:1 per rule).</summary>
    GatewayRules,
}
