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
                : $"service '{service}' must be http_status:NNN with a status code from 100 to 999";
        }

        if (service.StartsWith("unix+tls:", StringComparison.Ordinal) || service.StartsWith("unix:", StringComparison.Ordinal))
        {
            var path = service[(service.IndexOf(':', StringComparison.Ordinal) + 1)..];
            return path.TrimStart('/').Length > 0 ? null : $"service '{service}' must name a socket path";
        }

        if (!Uri.TryCreate(service, UriKind.Absolute, out var uri) || !service.Contains("://", StringComparison.Ordinal))
        {
            return $"service '{service}' is not an address: use scheme://host[:port], unix:/path, http_status:NNN, hello_world or bastion";
        }

        if (!UrlSchemes.Contains(uri.Scheme))
        {
            return $"service '{service}' has unsupported scheme '{uri.Scheme}' (use {string.Join(", ", UrlSchemes)})";
        }

        if (uri.Host.Length == 0)
        {
            return $"service '{service}' has no host";
        }

        // Uri adds "/" for an empty path; cloudflared rejects any path, including a lone "/".
        var afterAuthority = service[(service.IndexOf("://", StringComparison.Ordinal) + 3)..];
        if (afterAuthority.IndexOfAny(['/', '?', '#']) >= 0)
        {
            return $"service '{service}' must not have a path, query or fragment: cloudflared forwards the request's own path";
        }

        return null;
    }
}
