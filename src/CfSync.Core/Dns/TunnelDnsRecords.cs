using System.Text.Json.Serialization;
using CfSync.Core.Fragments;
using CfSync.Core.Resources;

namespace CfSync.Core.Dns;

/// <summary>One hostname a source serves through a tunnel, and how its CNAME is to be written.</summary>
/// <param name="Name">The hostname, lower-case, no trailing dot; may be a wildcard (<c>*.example.com</c>).</param>
/// <param name="Proxied">Proxied through Cloudflare (class config <c>dnsProxied</c>, default true).</param>
/// <param name="Adopt">The object opted in to taking over an existing record of that name that is not ours.</param>
public sealed record TunnelHostname(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("proxied")] bool Proxied = true,
    [property: JsonPropertyName("adopt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Adopt = false);

/// <summary>The hostnames one source (Ingress, HTTPRoute, TunnelBinding) wants DNS records for, in one tunnel.</summary>
public sealed record TunnelHostnamesFragment(
    [property: JsonPropertyName("hostnames")] IReadOnlyList<TunnelHostname> Hostnames) : Fragment
{
    public override ResourceType ResourceType => ResourceType.TunnelDnsRecords;

    public bool Equals(TunnelHostnamesFragment? other) =>
        other is not null && Hostnames.SequenceEqual(other.Hostnames);

    public override int GetHashCode() => Hostnames.Count;
}

/// <summary>One record of a tunnel's DNS aggregate: the hostname, the source that won it, and how to write it.</summary>
/// <param name="Source">The winning source's key (<c>Kind/namespace/name</c>): what the ownership record names.</param>
public sealed record TunnelDnsRecord(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("proxied")] bool Proxied,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("adopt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Adopt = false);

/// <summary>
/// The desired body of a <see cref="ResourceType.TunnelDnsRecords"/> resource: every record, ordered by name. The
/// CNAME target is not in it: it is <c>{tunnel id}.cfargotunnel.com</c>, from the resource's id.
/// </summary>
public sealed record TunnelDnsRecordSet(
    [property: JsonPropertyName("records")] IReadOnlyList<TunnelDnsRecord> Records)
{
    public const string TargetSuffix = ".cfargotunnel.com";

    public static string TargetOf(string tunnelId) => tunnelId.ToLowerInvariant() + TargetSuffix;
}
