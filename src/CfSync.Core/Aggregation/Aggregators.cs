using CfSync.Core.Dns;
using CfSync.Core.Objects;
using CfSync.Core.Resources;
using CfSync.Core.Tunnels;

namespace CfSync.Core.Aggregation;

/// <summary>The aggregator for each resource type.</summary>
public static class Aggregators
{
    private static readonly IResourceAggregator[] All =
    [
        new TunnelConfigurationAggregator(),
        new TunnelDnsAggregator(),
        new SingleObjectAggregator(ResourceType.DNSRecord, new DnsRecordShape()),
        new SingleObjectAggregator(ResourceType.AccessApplication, new AccessApplicationShape()),
        new SingleObjectAggregator(ResourceType.NetworkRoute, new NetworkRouteShape()),
        new SingleObjectAggregator(ResourceType.GatewayRules, new GatewayRuleShape()),
    ];

    public static IResourceAggregator For(ResourceType type) =>
        All.FirstOrDefault(a => a.ResourceType == type)
        ?? throw new ArgumentOutOfRangeException(nameof(type), type, "No aggregator for this resource type.");
}
