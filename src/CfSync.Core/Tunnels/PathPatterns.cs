using System.Text;

namespace CfSync.Core.Tunnels;

/// <summary>
/// Turns Kubernetes and Gateway API path matches into the anchored regular expressions cloudflared
/// matches against the request path (unanchored, so the anchors matter).
/// </summary>
public static class PathPatterns
{
    // Go's regexp.QuoteMeta set: escaping only these keeps the result valid RE2.
    private const string Special = @"\.+*?()|[]{}^$";

    /// <summary>Exact: only this path. <c>/a.b</c> becomes <c>^/a\.b$</c>.</summary>
    public static string Exact(string path) => $"^{Quote(path)}$";

    /// <summary>
    /// Prefix, element-wise as Kubernetes defines it: <c>/api</c> matches <c>/api</c> and <c>/api/x</c>,
    /// not <c>/apix</c>; a trailing slash is ignored. <c>/</c> matches everything and yields null (no path).
    /// </summary>
    public static string? Prefix(string path)
    {
        var trimmed = path.TrimEnd('/');
        return trimmed.Length == 0 ? null : $"^{Quote(trimmed)}(/.*)?$";
    }

    public static string Quote(string literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        var builder = new StringBuilder(literal.Length + 8);
        foreach (var c in literal)
        {
            if (Special.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// How many characters a path pattern fixes before its first operator, and whether it fixes the whole
    /// path. Used to put more specific paths first; unescapes <c>\x</c> as one literal character.
    /// </summary>
    public static (int LiteralPrefix, bool IsExact) Specificity(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var i = pattern.StartsWith('^') ? 1 : 0;
        var literal = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length && Special.Contains(pattern[i + 1], StringComparison.Ordinal))
            {
                literal++;
                i += 2;
            }
            else if (Special.Contains(c, StringComparison.Ordinal))
            {
                break;
            }
            else
            {
                literal++;
                i++;
            }
        }

        var isExact = pattern.StartsWith('^') && i == pattern.Length - 1 && pattern[i] == '$';
        return (literal, isExact);
    }
}
