namespace CfSync.Core.Resources;

/// <summary>
/// Natural keys for 1:1 resources, used as the resource id before Cloudflare assigns one.
/// Two sources with the same natural key meet in one place and the conflict is reported.
/// </summary>
public static class NaturalKeys
{
    /// <summary><c>TYPE:fqdn</c>, e.g. <c>CNAME:app.example.com</c>.</summary>
    public static string DnsRecord(string type, string name) =>
        $"{type.ToUpperInvariant()}:{name.TrimEnd('.').ToLowerInvariant()}";

    /// <summary>The application's domain, lower-cased (it may carry a path).</summary>
    public static string AccessApplication(string domain) => domain.ToLowerInvariant();

    /// <summary><c>cidr</c>, or <c>cidr@virtual-network</c> when the route is in a named virtual network.</summary>
    public static string NetworkRoute(string network, string? virtualNetwork) =>
        virtualNetwork is null ? network : $"{network}@{virtualNetwork}";

    /// <summary>The rule's name as Cloudflare shows it.</summary>
    public static string GatewayRule(string name) => name;
}
