using CfSync.Core.Aggregation;
using CfSync.Core.Text;

namespace CfSync.Core.Tunnels;

/// <summary>cloudflared's checks on origin request settings.</summary>
public static class OriginRequestRules
{
    public static IEnumerable<FieldError> Validate(OriginRequest? origin)
    {
        if (origin is null)
        {
            yield break;
        }

        if (origin.Access is { Required: true, TeamName: var team } && string.IsNullOrWhiteSpace(team))
        {
            yield return new FieldError("access.teamName", "is required when access.required is true");
        }

        if (origin.ProxyType is { Length: > 0 } proxyType && proxyType != "socks")
        {
            yield return new FieldError("proxyType", $"'{Quote.Of(proxyType)}' is not a proxy type (use \"\" or \"socks\")");
        }

        if (origin.ProxyPort is < 0 or > 65535)
        {
            yield return new FieldError("proxyPort", $"{origin.ProxyPort} is not a port (0-65535)");
        }

        foreach (var (field, value) in new (string, int?)[]
        {
            ("connectTimeout", origin.ConnectTimeout),
            ("tlsTimeout", origin.TlsTimeout),
            ("tcpKeepAlive", origin.TcpKeepAlive),
            ("keepAliveTimeout", origin.KeepAliveTimeout),
            ("keepAliveConnections", origin.KeepAliveConnections),
        })
        {
            if (value < 0)
            {
                yield return new FieldError(field, $"{value} must not be negative");
            }
        }
    }
}
