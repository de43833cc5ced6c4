using CfSync.Core.Text;

namespace CfSync.Core.Tunnels;

/// <summary>cloudflared's hostname rules, plus the DNS character rules Cloudflare applies anyway.</summary>
public static class HostnameRules
{
    /// <summary>No hostname, "" and "*" all match every host (cloudflared treats them alike).</summary>
    public static bool MatchesAllHosts(string? hostname) => string.IsNullOrEmpty(hostname) || hostname == "*";

    public static bool IsWildcard(string hostname) => hostname.StartsWith("*.", StringComparison.Ordinal);

    /// <summary>Returns null when valid, else why not.</summary>
    public static string? Validate(string? hostname)
    {
        if (MatchesAllHosts(hostname))
        {
            return null;
        }

        if (hostname!.Contains(':', StringComparison.Ordinal))
        {
            return $"hostname '{Quote.Of(hostname)}' must not contain a port";
        }

        var wildcards = hostname.AsSpan().Count('*');
        if (wildcards > 1 || (wildcards == 1 && !IsWildcard(hostname)))
        {
            return $"hostname '{Quote.Of(hostname)}' may use '*' only as its whole first label, e.g. '*.example.com'";
        }

        if (hostname.Length > 253)
        {
            return $"hostname '{Quote.Of(hostname)}' is longer than 253 characters";
        }

        foreach (var range in (wildcards == 1 ? hostname.AsSpan(2) : hostname.AsSpan()).Split('.'))
        {
            var label = (wildcards == 1 ? hostname.AsSpan(2) : hostname.AsSpan())[range];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || label.ContainsAnyExcept(LabelChars))
            {
                return $"hostname '{Quote.Of(hostname)}' has an invalid label '{Quote.Of(label)}' (letters, digits, '-', '_'; 1-63 characters; no leading or trailing '-')";
            }
        }

        return null;
    }

    /// <summary>Hostnames are matched case-insensitively; we send them lower-case.</summary>
    public static string? Normalize(string? hostname) =>
        MatchesAllHosts(hostname) ? null
        : hostname.AsSpan().ContainsAnyInRange('A', 'Z') ? hostname!.ToLowerInvariant()
        : hostname;

    private static readonly System.Buffers.SearchValues<char> LabelChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");
}
