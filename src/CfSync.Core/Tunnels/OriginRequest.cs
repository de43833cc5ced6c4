using System.Text.Json.Serialization;

namespace CfSync.Core.Tunnels;

/// <summary>
/// Settings for the connection between cloudflared and the origin, with Cloudflare's camelCase names.
/// Every field of the API's <c>tunnel_originRequest</c> schema is here, plus the cloudflared fields the
/// operator's CRDs expose (bastionMode, proxyAddress, proxyPort) and the newer matchSNItoHost, so that
/// nothing a user sets is dropped. Timeouts are whole seconds, as the API takes them. Null means unset.
/// </summary>
public sealed record OriginRequest
{
    [JsonPropertyName("access")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AccessSettings? Access { get; init; }

    [JsonPropertyName("bastionMode")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? BastionMode { get; init; }

    [JsonPropertyName("caPool")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CaPool { get; init; }

    [JsonPropertyName("connectTimeout")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ConnectTimeout { get; init; }

    [JsonPropertyName("disableChunkedEncoding")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? DisableChunkedEncoding { get; init; }

    [JsonPropertyName("http2Origin")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Http2Origin { get; init; }

    [JsonPropertyName("httpHostHeader")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? HttpHostHeader { get; init; }

    [JsonPropertyName("keepAliveConnections")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? KeepAliveConnections { get; init; }

    [JsonPropertyName("keepAliveTimeout")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? KeepAliveTimeout { get; init; }

    [JsonPropertyName("matchSNItoHost")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? MatchSniToHost { get; init; }

    [JsonPropertyName("noHappyEyeballs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? NoHappyEyeballs { get; init; }

    [JsonPropertyName("noTLSVerify")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? NoTlsVerify { get; init; }

    [JsonPropertyName("originServerName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OriginServerName { get; init; }

    [JsonPropertyName("proxyAddress")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ProxyAddress { get; init; }

    [JsonPropertyName("proxyPort")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ProxyPort { get; init; }

    [JsonPropertyName("proxyType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ProxyType { get; init; }

    [JsonPropertyName("tcpKeepAlive")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TcpKeepAlive { get; init; }

    [JsonPropertyName("tlsTimeout")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TlsTimeout { get; init; }

    /// <summary>True when no field is set: such an object is not sent.</summary>
    [JsonIgnore]
    public bool IsEmpty => this == Empty;

    public static OriginRequest Empty { get; } = new();

    /// <summary>Fields set in <paramref name="overrides"/> replace ours; the rest are kept.</summary>
    public OriginRequest With(OriginRequest? overrides) => overrides is null ? this : new OriginRequest
    {
        Access = overrides.Access ?? Access,
        BastionMode = overrides.BastionMode ?? BastionMode,
        CaPool = overrides.CaPool ?? CaPool,
        ConnectTimeout = overrides.ConnectTimeout ?? ConnectTimeout,
        DisableChunkedEncoding = overrides.DisableChunkedEncoding ?? DisableChunkedEncoding,
        Http2Origin = overrides.Http2Origin ?? Http2Origin,
        HttpHostHeader = overrides.HttpHostHeader ?? HttpHostHeader,
        KeepAliveConnections = overrides.KeepAliveConnections ?? KeepAliveConnections,
        KeepAliveTimeout = overrides.KeepAliveTimeout ?? KeepAliveTimeout,
        MatchSniToHost = overrides.MatchSniToHost ?? MatchSniToHost,
        NoHappyEyeballs = overrides.NoHappyEyeballs ?? NoHappyEyeballs,
        NoTlsVerify = overrides.NoTlsVerify ?? NoTlsVerify,
        OriginServerName = overrides.OriginServerName ?? OriginServerName,
        ProxyAddress = overrides.ProxyAddress ?? ProxyAddress,
        ProxyPort = overrides.ProxyPort ?? ProxyPort,
        ProxyType = overrides.ProxyType ?? ProxyType,
        TcpKeepAlive = overrides.TcpKeepAlive ?? TcpKeepAlive,
        TlsTimeout = overrides.TlsTimeout ?? TlsTimeout,
    };
}

/// <summary>Cloudflare Access enforcement at the origin (cloudflared checks the Access JWT).</summary>
public sealed record AccessSettings
{
    [JsonPropertyName("audTag")]
    public IReadOnlyList<string> AudTag { get; init; } = [];

    [JsonPropertyName("required")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Required { get; init; }

    [JsonPropertyName("teamName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TeamName { get; init; }

    public bool Equals(AccessSettings? other) =>
        other is not null
        && Required == other.Required
        && TeamName == other.TeamName
        && AudTag.SequenceEqual(other.AudTag);

    public override int GetHashCode() => HashCode.Combine(Required, TeamName, AudTag.Count);
}
