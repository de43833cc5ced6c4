using CfSync.Core.Sources;
using CfSync.Sync.Client;
using CfSync.Sync.Sources;
using CfSync.Translation;

namespace CfSync.Watchers.Watching;

/// <summary>
/// An object's <see cref="TranslationResult"/> as the source entity takes it: one contribution per Cloudflare resource
/// (its fragment, or the reasons it gives nothing, with the warnings about it), and the reasons it reaches no resource
/// at all. A resource whose Cloudflare id cannot be an entity key (<see cref="ResourceRoute.IdProblem"/>) is such a
/// reason too, naming the id's problem: it never reaches the engine.
/// </summary>
public static class SourceTranslations
{
    public static SourceTranslation Of(Source source, string? uid, string resourceVersion, TranslationResult result)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(result);
        var contributions = new List<SourceContribution>();
        var unresolved = new List<string>();
        foreach (var (resource, planned) in result.Planned().Where(p => p.Source.Source == source))
        {
            if (resource is null)
            {
                unresolved.AddRange(planned.Errors);
            }
            else if (ResourceRoute.IdProblem(resource) is { } idProblem)
            {
                unresolved.Add($"{source.Key}: the {resource.ResourceType} id it names {idProblem}");
            }
            else
            {
                contributions.Add(new SourceContribution(resource, planned.Scope)
                {
                    Fragment = planned.Contribution?.Fragment,
                    Reasons = planned.Errors,
                    Warnings = planned.Warnings,
                    Priority = planned.Contribution?.Priority,
                    CreatedAt = planned.Contribution?.CreatedAt,
                });
            }
        }

        return new SourceTranslation(source, uid, resourceVersion, contributions) { Unresolved = unresolved };
    }
}
