namespace CfSync.Cloudflare.Dns;

/// <summary>DNS names as CfSync compares them: lower-case, no trailing dot, zones matched on label boundaries.</summary>
internal static class DnsNames
{
    public static string Normalize(string name) => name.Trim().TrimEnd('.').ToLowerInvariant();

    /// <summary>True when <paramref name="name"/> is the zone's apex or below it (<c>badexample.com</c> is not in <c>example.com</c>).</summary>
    public static bool IsInZone(string name, string zone)
    {
        var n = Normalize(name);
        var z = Normalize(zone);
        return n == z || n.EndsWith("." + z, StringComparison.Ordinal);
    }
}
