using System.Text.Json.Serialization;

namespace CfSync.Core.Tunnels;

/// <summary>
/// One rule of a tunnel's ingress list, exactly as Cloudflare takes it. <see cref="Path"/> is a regular
/// expression (translators turn Kubernetes path types into anchored ones); a null hostname matches every host.
/// </summary>
public sealed record IngressRule(
    [property: JsonPropertyName("hostname"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Hostname,
    [property: JsonPropertyName("path"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Path,
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("originRequest"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OriginRequest? OriginRequest = null)
{
    /// <summary>Matches every request: no hostname (or "*") and no path. Only the fallback may be one.</summary>
    [JsonIgnore]
    public bool IsCatchAll => HostnameRules.MatchesAllHosts(Hostname) && string.IsNullOrEmpty(Path);
}
