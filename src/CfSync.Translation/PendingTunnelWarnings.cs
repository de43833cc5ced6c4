using CfSync.Core.Text;

namespace CfSync.Translation;

/// <summary>
/// Warns each source whose fragments land on a tunnel shown under its pending identity (<see cref="TunnelIds"/>):
/// nothing is wrong with the source, but the tunnel does not exist in Cloudflare yet.
/// </summary>
internal static class PendingTunnelWarnings
{
    public static TranslationResult Add(TranslationResult result)
    {
        var warnings = result.Registrations
            .Where(r => TunnelIds.IsPending(r.Resource))
            .Select(r => (r.Contribution.Source, r.Resource))
            .Distinct()
            .Select(p => new Warning(p.Source, p.Resource,
                $"{p.Source.Key}: {Quote.Of(p.Resource.CloudflareId[TunnelIds.PendingPrefix.Length..])} has no tunnel id yet (neither spec.existingTunnel.id nor status.tunnelId is set); its rules are shown under '{Quote.Of(p.Resource.CloudflareId)}'"))
            .ToList();
        return warnings.Count == 0 ? result : result with { Warnings = [.. result.Warnings, .. warnings] };
    }
}
