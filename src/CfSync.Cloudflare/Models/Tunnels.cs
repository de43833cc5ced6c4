using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CfSync.Cloudflare.Models;

/// <summary>GET /accounts/{account_id}/cfd_tunnel/{tunnel_id} result.</summary>
public sealed record CloudflareTunnel(
    string Id,
    string? AccountTag,
    string? Name,
    string? Status,
    bool? RemoteConfig,
    string? TunType,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? DeletedAt,
    IReadOnlyList<JsonObject>? Connections);

/// <summary>
/// Tunnel configuration result. <see cref="Config"/> stays a JsonObject: it is compared and hashed by the engine,
/// and a typed model would drop keys this client does not know.
/// </summary>
public sealed record TunnelConfiguration(
    string TunnelId,
    string? AccountId,
    int Version,
    JsonObject? Config,
    string? Source,
    DateTimeOffset? CreatedAt);

/// <summary>The "config" document of a tunnel configuration PUT. Keys are camelCase and "warp-routing", as the API spells them.</summary>
public sealed record TunnelConfig(
    [property: JsonPropertyName("ingress")] IReadOnlyList<TunnelIngressRule> Ingress,
    [property: JsonPropertyName("originRequest")] OriginRequest? OriginRequest = null,
    [property: JsonPropertyName("warp-routing")] WarpRouting? WarpRouting = null);

/// <summary>One public hostname; the last rule is the catch-all (no hostname, no path).</summary>
public sealed record TunnelIngressRule(
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("hostname")] string? Hostname = null,
    [property: JsonPropertyName("path")] string? Path = null,
    [property: JsonPropertyName("originRequest")] OriginRequest? OriginRequest = null);

public sealed record WarpRouting([property: JsonPropertyName("enabled")] bool Enabled);

public sealed record OriginAccess(
    [property: JsonPropertyName("audTag")] IReadOnlyList<string> AudTag,
    [property: JsonPropertyName("teamName")] string TeamName,
    [property: JsonPropertyName("required")] bool? Required = null);

/// <summary>Origin connection settings; timeouts are integer seconds. Unknown keys round-trip through <see cref="Extra"/>.</summary>
public sealed record OriginRequest
{
    [JsonPropertyName("access")] public OriginAccess? Access { get; init; }

    [JsonPropertyName("caPool")] public string? CaPool { get; init; }

    [JsonPropertyName("connectTimeout")] public int? ConnectTimeout { get; init; }

    [JsonPropertyName("disableChunkedEncoding")] public bool? DisableChunkedEncoding { get; init; }

    [JsonPropertyName("http2Origin")] public bool? Http2Origin { get; init; }

    [JsonPropertyName("httpHostHeader")] public string? HttpHostHeader { get; init; }

    [JsonPropertyName("keepAliveConnections")] public int? KeepAliveConnections { get; init; }

    [JsonPropertyName("keepAliveTimeout")] public int? KeepAliveTimeout { get; init; }

    [JsonPropertyName("noHappyEyeballs")] public bool? NoHappyEyeballs { get; init; }

    [JsonPropertyName("noTLSVerify")] public bool? NoTlsVerify { get; init; }

    [JsonPropertyName("originServerName")] public string? OriginServerName { get; init; }

    [JsonPropertyName("proxyType")] public string? ProxyType { get; init; }

    [JsonPropertyName("tcpKeepAlive")] public int? TcpKeepAlive { get; init; }

    [JsonPropertyName("tlsTimeout")] public int? TlsTimeout { get; init; }

    [JsonExtensionData] public IDictionary<string, JsonElement>? Extra { get; init; }
}
