using System.Text.RegularExpressions;

namespace CfSync.Core.Sources;

/// <summary>
/// Kubernetes' rules for names, namespaces, kinds and API versions (those of apimachinery's validation), so that
/// a source, a key or an id made of them holds only what a cluster could hold. Each returns null when the value
/// is valid, else what the rule is (without the value: the caller quotes it).
/// </summary>
public static partial class KubernetesNames
{
    /// <summary>Namespaces, Service names and versions are labels.</summary>
    public const int MaxLabelLength = 63;

    /// <summary>Most object names are subdomains.</summary>
    public const int MaxSubdomainLength = 253;

    /// <summary>A DNS-1123 label: namespaces.</summary>
    public static string? LabelError(string value) =>
        value.Length is > 0 and <= MaxLabelLength && Label().IsMatch(value) ? null
        : "must be 1-63 lowercase letters, digits or '-', starting and ending with a letter or digit (a DNS-1123 label)";

    /// <summary>A DNS-1123 subdomain: the names of most kinds, ours included.</summary>
    public static string? SubdomainError(string value) =>
        value.Length is > 0 and <= MaxSubdomainLength && Subdomain().IsMatch(value) ? null
        : "must be 1-253 lowercase letters, digits, '-' or '.', each part starting and ending with a letter or digit (a DNS-1123 subdomain)";

    /// <summary>A DNS-1035 label: Service names (they become DNS names that must not look like numbers).</summary>
    public static string? Dns1035LabelError(string value) =>
        value.Length is > 0 and <= MaxLabelLength && Dns1035Label().IsMatch(value) ? null
        : "must be 1-63 lowercase letters, digits or '-', starting with a letter and ending with a letter or digit (a DNS-1035 label)";

    /// <summary>
    /// What every name must be whatever its kind (some kinds, such as ClusterRole, allow ':' and more): a path
    /// segment of the API's URL, at most 253 characters.
    /// </summary>
    public static string? PathSegmentError(string value) =>
        value.Length is > 0 and <= MaxSubdomainLength && value is not "." and not ".." && value.AsSpan().IndexOfAny('/', '%') < 0
        && !value.AsSpan().ContainsAnyInRange('\0', '\u001f') ? null
        : "must be 1-253 characters without '/', '%' or control characters, and not '.' or '..'";

    /// <summary>A kind: the API server requires its lower-case form to be a DNS-1035 label.</summary>
    public static string? KindError(string value) =>
        value.Length is > 0 and <= MaxLabelLength && Kind().IsMatch(value) ? null
        : "must be 1-63 letters, digits or '-', starting with a letter and ending with a letter or digit";

    /// <summary>An <c>apiVersion</c>: <c>version</c> (core group) or <c>group/version</c>, the group a subdomain.</summary>
    public static string? ApiVersionError(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var version = value[(slash + 1)..];
        return (slash < 0 || SubdomainError(value[..slash]) is null) && Dns1035LabelError(version) is null ? null
            : "must be a version such as v1, or group/version such as networking.k8s.io/v1 (group a DNS-1123 subdomain, version a DNS-1035 label)";
    }

    // \z, not $: $ would also match before a final newline.
    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Label();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Subdomain();

    [GeneratedRegex(@"^[a-z]([-a-z0-9]*[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1035Label();

    [GeneratedRegex(@"^[A-Za-z]([-A-Za-z0-9]*[A-Za-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Kind();
}
