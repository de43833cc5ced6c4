using CfSync.Sync.Orchestrations;

namespace CfSync.Cloudflare.Dns;

/// <summary>How the DNS appliers succeed: with what they hold, their conflicts and drift.</summary>
internal static class DnsApplyResults
{
    public static ApplyResult Succeeded(string? appliedAs, IReadOnlyList<SourceConflict> conflicts, IEnumerable<string?> drift)
    {
        var found = drift.Where(d => d is not null).ToList();
        return ApplyResult.Success() with
        {
            AppliedAs = appliedAs,
            Conflicts = conflicts,
            Drift = found.Count == 0 ? null : string.Join("; ", found),
        };
    }

    /// <summary>The zones' names, for a message about a host none of them holds (names only: never the account id).</summary>
    public static string NoZone(string name, IEnumerable<Models.CloudflareZone> zones)
    {
        var names = zones.Select(z => z.Name).Order(StringComparer.Ordinal).ToList();
        return $"no zone of the account holds {name} (its zones: {(names.Count == 0 ? "none" : string.Join(", ", names))}); add the zone to the account or remove the host";
    }
}
