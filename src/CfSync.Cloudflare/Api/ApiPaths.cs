namespace CfSync.Cloudflare.Api;

/// <summary>Path segments are identifiers from callers: escape them so none can change the route.</summary>
internal static class ApiPaths
{
    public static string Account(string accountId) => "accounts/" + Segment(accountId);

    public static string Zone(string zoneId) => "zones/" + Segment(zoneId);

    public static string Segment(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        return Uri.EscapeDataString(value);
    }
}
