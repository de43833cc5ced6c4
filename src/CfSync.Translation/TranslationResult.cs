using CfSync.Core.Aggregation;
using CfSync.Core.Fragments;
using CfSync.Core.Resources;
using CfSync.Core.Sources;

namespace CfSync.Translation;

/// <summary>One fragment a Kubernetes object contributes to one Cloudflare resource.</summary>
public sealed record Registration(ResourceIdentity Resource, ResourceScope Scope, SourceFragment Contribution);

/// <summary>
/// Why an object contributes nothing (to <see cref="Resource"/>, or to anything when the resource could not be
/// resolved at all). The reason starts with the source key and names the field.
/// </summary>
public sealed record Rejection(Source Source, ResourceIdentity? Resource, ResourceScope? Scope, string Reason);

/// <summary>
/// Something the user should know about an object that is still translated (or rejected for other reasons): an
/// assumption made ("Service default/web not found; scheme http assumed"), a field read but not applied yet. It
/// concerns the object's contribution to <see cref="Resource"/>, or to every resource it feeds when null. The message
/// starts with the source key and names the field, like a rejection's reason.
/// </summary>
public sealed record Warning(Source Source, ResourceIdentity? Resource, string Message);

/// <summary>What one Kubernetes object translates to. Both lists empty: the object is not ours (or is being deleted).</summary>
public sealed record TranslationResult(IReadOnlyList<Registration> Registrations, IReadOnlyList<Rejection> Rejections)
{
    public static TranslationResult Empty { get; } = new([], []);

    /// <summary>Warnings about the object; they never turn a registration into a rejection.</summary>
    public IReadOnlyList<Warning> Warnings { get; init; } = [];

    /// <summary>
    /// What the object gives each resource it names, as the planner (and the engine's entity) takes it: per source and
    /// resource, the contribution or the rejection's reasons, with the warnings about it (a warning for no particular
    /// resource goes with every resource of the object). A null resource: the object's resource could not be found.
    /// </summary>
    public IEnumerable<(ResourceIdentity? Resource, PlannedSource Source)> Planned()
    {
        var registered = Registrations
            .Select(r => (Resource: (ResourceIdentity?)r.Resource, Source: new PlannedSource(r.Contribution.Source, r.Contribution, r.Scope)));
        var rejected = Rejections
            .GroupBy(r => (r.Source, r.Resource))
            .Select(g => (g.Key.Resource, Source: new PlannedSource(g.Key.Source, null, g.Select(r => r.Scope).OfType<ResourceScope>().FirstOrDefault() ?? ResourceScope.None)
            {
                Errors = g.Select(r => r.Reason).ToArray(),
            }));
        return registered.Concat(rejected).Select(entry => entry with
        {
            Source = entry.Source with
            {
                Warnings = Warnings
                    .Where(w => w.Source == entry.Source.Source && (w.Resource is null || w.Resource == entry.Resource))
                    .Select(w => w.Message)
                    .ToArray(),
            },
        }).ToList();
    }
}
