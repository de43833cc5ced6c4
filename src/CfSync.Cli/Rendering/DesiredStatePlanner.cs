using CfSync.Core.Aggregation;
using CfSync.Core.Fragments;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Translation;
using CfSync.Translation.Manifests;

namespace CfSync.Cli.Rendering;

/// <summary>
/// Runs every manifest object through the translators, groups what they register by Cloudflare resource and
/// aggregates each resource exactly as the sync engine will.
/// </summary>
internal static class DesiredStatePlanner
{
    public static RenderReport Plan(IEnumerable<ManifestDocument> documents, IClusterView cluster)
    {
        var translations = documents.Select(d => ObjectTranslator.Translate(d.Object, cluster)).ToList();
        var registrations = translations.SelectMany(t => t.Registrations).ToList();
        var rejections = translations.SelectMany(t => t.Rejections).ToList();

        var resources = registrations.Select(r => r.Resource)
            .Concat(rejections.Where(r => r.Resource is not null).Select(r => r.Resource!))
            .Distinct()
            .OrderBy(r => r.ResourceType.ToString(), StringComparer.Ordinal)
            .ThenBy(r => r.CloudflareId, StringComparer.Ordinal)
            .Select(resource => Render(
                resource,
                registrations.Where(r => r.Resource == resource).ToList(),
                rejections.Where(r => r.Resource == resource).ToList()))
            .ToList();

        var unresolved = rejections.Where(r => r.Resource is null)
            .GroupBy(r => r.Source)
            .Select(g => new SourceOutcome(g.Key, SourceStatus.Rejected, g.Select(r => r.Reason).ToArray()))
            .OrderBy(o => o.Source.Key, StringComparer.Ordinal)
            .ToList();

        return new RenderReport(resources, unresolved);
    }

    private static RenderedResource Render(ResourceIdentity resource, IReadOnlyList<Registration> registrations, IReadOnlyList<Rejection> rejections)
    {
        var aggregate = Aggregators.For(resource.ResourceType).Aggregate(registrations.Select(r => r.Contribution).ToList());
        var rejected = rejections
            .GroupBy(r => r.Source)
            .Select(g => new SourceOutcome(g.Key, SourceStatus.Rejected, g.Select(r => r.Reason).ToArray()));
        var sources = aggregate.Sources.Concat(rejected)
            .GroupBy(o => o.Source)
            .Select(Merge)
            .OrderBy(o => o.Source.Key, StringComparer.Ordinal)
            .ToList();
        return new RenderedResource(resource, ScopeOf(registrations, rejections), aggregate.Desired?.Json, aggregate.ConfigHash, sources);
    }

    // Rejected sources still know where the resource lives; they count after every registered one.
    private static ResourceScope ScopeOf(IReadOnlyList<Registration> registrations, IReadOnlyList<Rejection> rejections)
    {
        var chosen = ScopeChoice.Choose(registrations.Select(r => (r.Contribution, r.Scope)));
        var fallback = rejections.Select(r => r.Scope).OfType<ResourceScope>().ToList();
        return new ResourceScope(
            chosen.AccountId ?? fallback.Select(s => s.AccountId).FirstOrDefault(a => a is not null),
            chosen.ZoneId ?? fallback.Select(s => s.ZoneId).FirstOrDefault(z => z is not null));
    }

    // A source both in the aggregate and rejected by its translator keeps the worse status: Rejected, then Conflict.
    private static SourceOutcome Merge(IGrouping<Source, SourceOutcome> outcomes)
    {
        var statuses = outcomes.Select(o => o.Status).ToList();
        var status = statuses.Contains(SourceStatus.Rejected) ? SourceStatus.Rejected
            : statuses.Contains(SourceStatus.Conflict) ? SourceStatus.Conflict
            : SourceStatus.Accepted;
        return new SourceOutcome(outcomes.Key, status, outcomes.SelectMany(o => o.Reasons).ToArray());
    }
}
