namespace CfSync.Translation.Translators;

/// <summary>
/// DNS record names as Cloudflare reads them in a zone: <c>@</c> is the zone apex, and a name that is neither the
/// zone's name nor ends with it is relative to the zone (<c>www</c> in example.com is www.example.com).
/// </summary>
internal static class DnsNames
{
    public const string Apex = "@";

    /// <summary>The fully qualified name, without a trailing dot; without the zone's domain the name is taken as given.</summary>
    public static string Fqdn(string name, string? zone)
    {
        var trimmed = name.TrimEnd('.');
        if (string.IsNullOrEmpty(zone))
        {
            return trimmed;
        }

        var domain = zone.TrimEnd('.');
        if (trimmed == Apex)
        {
            return domain;
        }

        return trimmed.Equals(domain, StringComparison.OrdinalIgnoreCase) || trimmed.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase)
            ? trimmed
            : $"{trimmed}.{domain}";
    }
}
