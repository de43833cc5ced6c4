using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CfSync.Cloudflare.Emulator.Control;

/// <summary>
/// The next <see cref="Count"/> requests whose method and path match answer with <see cref="Status"/> (Cloudflare-shaped
/// error envelope, optional retry-after), after <see cref="LatencyMs"/>; or the connection is dropped when <see cref="Abort"/>.
/// A rule with only latency delays the request and then serves it normally.
/// PathPattern is matched against the path below /client/v4: '*' is one segment, '**' any rest.
/// </summary>
public sealed record FaultRule(
    string PathPattern,
    string? Method = null,
    int Count = 1,
    int? Status = null,
    int? RetryAfterSeconds = null,
    int? LatencyMs = null,
    bool Abort = false,
    int? ErrorCode = null);

/// <summary>One request the API saw (control calls are not journaled). Timestamp is arrival time.</summary>
public sealed record JournalEntry(
    long Sequence,
    DateTimeOffset Timestamp,
    string Method,
    string Path,
    string Query,
    string? RequestBody,
    int? Status,
    string? ResponseBody,
    bool Aborted);

public sealed record SeedTunnel(string AccountId, string Id, string Name, string Status = "healthy", JsonObject? Configuration = null, int Version = 0);

public sealed record SeedZone(string Id, string Name, string? AccountId = null, string Status = "active");

/// <summary>A record that exists in the zone without the client having made it (e.g. made in the dashboard).</summary>
public sealed record SeedDnsRecord(
    string ZoneId,
    string Type,
    string Name,
    string Content,
    bool Proxied = false,
    int Ttl = 1,
    string? Comment = null,
    IReadOnlyList<string>? Tags = null,
    string? Id = null);

public sealed record SeedVirtualNetwork(string AccountId, string Name, bool IsDefault = false, string? Id = null, string Comment = "");

public sealed record SeedRoute(string AccountId, string Network, string TunnelId, string? VirtualNetworkId = null, string Comment = "", string? Id = null);

public sealed record SeedAccessApp(string AccountId, string Name, string Domain, string Type = "self_hosted", string? Id = null);

public sealed record SeedGatewayRule(string AccountId, string Name, string Action, string? Traffic = null, IReadOnlyList<string>? Filters = null, string? Id = null);

public sealed record EmulatorSeed
{
    public IReadOnlyList<SeedTunnel>? Tunnels { get; init; }

    public IReadOnlyList<SeedZone>? Zones { get; init; }

    public IReadOnlyList<SeedDnsRecord>? DnsRecords { get; init; }

    public IReadOnlyList<SeedVirtualNetwork>? VirtualNetworks { get; init; }

    public IReadOnlyList<SeedRoute>? Routes { get; init; }

    public IReadOnlyList<SeedAccessApp>? AccessApps { get; init; }

    public IReadOnlyList<SeedGatewayRule>? GatewayRules { get; init; }
}

/// <summary>Ids of what a seed created, per kind, in seed order.</summary>
public sealed record SeedResult(
    IReadOnlyList<string> DnsRecords,
    IReadOnlyList<string> VirtualNetworks,
    IReadOnlyList<string> Routes,
    IReadOnlyList<string> AccessApps,
    IReadOnlyList<string> GatewayRules);

internal static class ControlJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
