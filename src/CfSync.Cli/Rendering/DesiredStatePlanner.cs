using CfSync.Core.Aggregation;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Translation;
using CfSync.Translation.Manifests;

namespace CfSync.Cli.Rendering;

/// <summary>
/// Runs every manifest object through the translators, groups what they give by Cloudflare resource and plans each
/// resource with the engine's own <see cref="ResourcePlanner"/>: render shows what the engine would apply.
/// </summary>
internal static class DesiredStatePlanner
{
    public static RenderReport Plan(IEnumerable<ManifestDocument> documents, IClusterView cluster)
    {
        var translations = documents.Select(d => ObjectTranslator.Translate(d.Object, cluster)).ToList();
        var sources = translations.SelectMany(t => t.Planned()).ToList();
        var resources = sources.Where(s => s.Resource is not null)
            .GroupBy(s => s.Resource!)
            .OrderBy(g => g.Key.ResourceType.ToString(), StringComparer.Ordinal)
            .ThenBy(g => g.Key.CloudflareId, StringComparer.Ordinal)
            .Select(g => Render(g.Key, ResourcePlanner.Plan(g.Key.ResourceType, g.Select(s => s.Source).ToList())))
            .ToList();

        var unresolved = sources.Where(s => s.Resource is null)
            .GroupBy(s => s.Source.Source)
            .Select(g => new SourceOutcome(g.Key, SourceStatus.Rejected, g.SelectMany(s => s.Source.Errors).ToArray())
            {
                Warnings = g.SelectMany(s => s.Source.Warnings).ToArray(),
            })
            .OrderBy(o => o.Source.Key, StringComparer.Ordinal)
            .ToList();

        return new RenderReport(resources, unresolved);
    }

    private static RenderedResource Render(ResourceIdentity resource, ResourcePlan plan) =>
        new(resource, plan.Scope, plan.Aggregate.Desired?.Json, plan.Aggregate.ConfigHash, plan.Sources);
}
