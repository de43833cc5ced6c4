using CfSync.Core.Text;

namespace CfSync.Core.Tunnels;

/// <summary>
/// cloudflared's rules for an ingress rule's <c>service</c>. URL services need a scheme and a host and no
/// path (cloudflared forwards the visitor's own path); http_status codes run 100-999.
/// </summary>
public static class ServiceRules
{
    private static readonly string[] UrlSchemes = ["http", "https", "ws", "wss", "tcp", "ssh", "rdp", "smb"];

    /// <summary>Returns null when valid, else why not.</summary>
    public static string? Validate(string? service)
    {
        if (string.IsNullOrWhiteSpace(service))
        {
            return "service is required";
        }

        if (service is "hello_world" or "bastion")
        {
            return null;
        }

        if (service.StartsWith("http_status:", StringComparison.Ordinal))
        {
            var code = service["http_status:".Length..];
            return int.TryParse(code, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var status)
                && status is >= 100 and <= 999
                ? null
                : $"service '{Quote.Of(service)}' must be http_status:NNN with a status code from 100 to 999";
        }

        if (service.StartsWith("unix+tls:", StringComparison.Ordinal) || service.StartsWith("unix:", StringComparison.Ordinal))
        {
            var path = service[(service.IndexOf(':', StringComparison.Ordinal) + 1)..];
            return path.TrimStart('/').Length > 0 ? null : $"service '{Quote.Of(service)}' must name a socket path";
        }

        var separator = service.IndexOf("://", StringComparison.Ordinal);
        if (separator <= 0)
        {
            return $"service '{Quote.Of(service)}' is not an address: use scheme://host[:port], unix:/path, http_status:NNN, hello_world or bastion";
        }

        var scheme = service[..separator];
        if (!UrlSchemes.Contains(scheme))
        {
            return $"service '{Quote.Of(service)}' has unsupported scheme '{Quote.Of(scheme)}' (use {string.Join(", ", UrlSchemes)})";
        }

        // cloudflared rejects any path on the origin, even a lone "/": it forwards the request's own path.
        var authority = service.AsSpan(separator + 3);
        if (authority.IndexOfAny('/', '?', '#') >= 0)
        {
            return $"service '{Quote.Of(service)}' must not have a path, query or fragment: cloudflared forwards the request's own path";
        }

        return AuthorityError(authority) is { } error ? $"service '{Quote.Of(service)}' {error}" : null;
    }

    // host[:port] or [ipv6][:port]; parsed by hand because this runs for every rule of every aggregate.
    private static string? AuthorityError(ReadOnlySpan<char> authority)
    {
        var host = authority;
        var port = ReadOnlySpan<char>.Empty;
        if (authority.StartsWith("["))
        {
            var close = authority.IndexOf(']');
            if (close < 0)
            {
                return "has an unterminated IPv6 address";
            }

            host = authority[1..close];
            var rest = authority[(close + 1)..];
            if (rest.Length > 0 && rest[0] != ':')
            {
                return "has text after its IPv6 address";
            }

            port = rest.Length > 0 ? rest[1..] : port;
        }
        else if (authority.LastIndexOf(':') is var colon and >= 0)
        {
            host = authority[..colon];
            port = authority[(colon + 1)..];
        }

        if (host.IsEmpty || host.ContainsAny(' ', '@', '\\'))
        {
            return "has no valid host";
        }

        if (!port.IsEmpty && !(int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number is > 0 and <= 65535))
        {
            return $"has an invalid port '{Quote.Of(port)}'";
        }

        return null;
    }
}
