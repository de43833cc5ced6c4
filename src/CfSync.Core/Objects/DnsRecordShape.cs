using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using CfSync.Core.Aggregation;
using CfSync.Core.Text;
using CfSync.Core.Tunnels;

namespace CfSync.Core.Objects;

/// <summary>Cloudflare's rules for a DNS record body (<c>type, name, content, ttl, proxied, comment, tags</c>).</summary>
public sealed class DnsRecordShape : IObjectShape
{
    private static readonly string[] Types =
        ["A", "AAAA", "CNAME", "TXT", "MX", "NS", "SRV", "CAA", "CERT", "DNSKEY", "DS", "HTTPS", "LOC", "NAPTR", "SMIMEA", "SSHFP", "SVCB", "TLSA", "URI"];

    private static readonly string[] Proxiable = ["A", "AAAA", "CNAME"];

    // Types whose value Cloudflare takes in structured "data" rather than "content".
    private static readonly string[] DataTypes = ["SRV", "CAA", "CERT", "DNSKEY", "DS", "HTTPS", "LOC", "NAPTR", "SMIMEA", "SSHFP", "SVCB", "TLSA", "URI"];

    public IEnumerable<FieldError> Validate(JsonObject desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var type = JsonFields.String(desired, "type");
        if (type is null || !Types.Contains(type))
        {
            yield return new FieldError("type", $"'{Quote.Of(type)}' is not a DNS record type ({string.Join(", ", Types)})");
            yield break;
        }

        var name = JsonFields.String(desired, "name");
        if (string.IsNullOrWhiteSpace(name))
        {
            yield return new FieldError("name", "is required");
        }
        else if (HostnameRules.Validate(name.TrimEnd('.')) is { } nameError)
        {
            yield return new FieldError("name", nameError);
        }

        var content = JsonFields.String(desired, "content");
        var hasData = desired["data"] is JsonObject;
        if (string.IsNullOrWhiteSpace(content) && !(hasData && DataTypes.Contains(type)))
        {
            yield return new FieldError("content", $"is required for a {type} record");
        }
        else if (content is not null && ContentError(type, content) is { } contentError)
        {
            yield return new FieldError("content", contentError);
        }

        if (JsonFields.Integer(desired, "ttl") is { } ttl && ttl != 1 && ttl is < 30 or > 86400)
        {
            yield return new FieldError("ttl", $"{ttl} must be 1 (automatic) or 30-86400 seconds");
        }

        if (JsonFields.Boolean(desired, "proxied") == true && !Proxiable.Contains(type))
        {
            yield return new FieldError("proxied", $"a {type} record cannot be proxied (only A, AAAA and CNAME)");
        }

        if (type == "MX" && JsonFields.Integer(desired, "priority") is null)
        {
            yield return new FieldError("priority", "is required for an MX record");
        }

        if (JsonFields.String(desired, "comment") is { Length: > 100 })
        {
            yield return new FieldError("comment", "must be at most 100 characters");
        }
    }

    private static string? ContentError(string type, string content) => type switch
    {
        "A" => IPAddress.TryParse(content, out var v4) && v4.AddressFamily == AddressFamily.InterNetwork
            ? null : $"'{Quote.Of(content)}' is not an IPv4 address",
        "AAAA" => IPAddress.TryParse(content, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6
            ? null : $"'{Quote.Of(content)}' is not an IPv6 address",
        "CNAME" or "NS" or "MX" => HostnameRules.Validate(content.TrimEnd('.')) is { } error ? $"target {error}" : null,
        _ => null,
    };
}
