using CfSync.Core.Resources;
using CfSync.Sync.Client;
using CfSync.Sync.Entities;
using CfSync.Translation;
using CfSync.Translation.Manifests;

namespace CfSync.LocalHost;

/// <summary>
/// Turns posted manifests into the signals they stand for, checking the whole request first: the text must read as
/// manifests (<see cref="ManifestReader"/> checks every object by Kubernetes' rules and within its bounds), and every
/// Cloudflare id an object names must fit a storage key (<see cref="ResourceRoute.IdProblem"/>). Manifests carry no
/// resourceVersion, so each update is ordered by <c>sequence</c> (the caller's clock, which only has to increase
/// between posts).
/// </summary>
public static class ManifestPlanner
{
    public static ManifestPlan Plan(string text, string file, long sequence)
    {
        IReadOnlyList<ManifestDocument> documents;
        ManifestSet cluster;
        try
        {
            documents = ManifestReader.ReadText(text, file);
            cluster = new ManifestSet(documents);
        }
        catch (ManifestException e)
        {
            return ManifestPlan.Refused(e.Problems);
        }

        var problems = new List<ManifestProblem>();
        var registrations = new List<PlannedRegistration>();
        var rejections = new List<PlannedRejection>();
        var unresolved = 0;
        foreach (var document in documents)
        {
            var uid = (string?)document.Object["metadata"]!["uid"];
            var translation = ObjectTranslator.Translate(document.Object, cluster);
            var version = new SourceVersion(uid, sequence);
            var named = new HashSet<ResourceIdentity>();
            foreach (var (resource, source) in translation.Planned())
            {
                if (resource is null)
                {
                    unresolved++;
                    continue;
                }

                if (named.Add(resource) && ResourceRoute.IdProblem(resource) is { } idProblem)
                {
                    problems.Add(document.Problem(null, $"the {resource.ResourceType} id it names: {idProblem}"));
                }

                if (source.Contribution is { } contribution)
                {
                    registrations.Add(new PlannedRegistration(resource, new SourceRegistration(source.Source, version, contribution.Fragment)
                    {
                        Priority = contribution.Priority,
                        CreatedAt = contribution.CreatedAt,
                        Scope = source.Scope,
                        Warnings = source.Warnings,
                    }));
                }
                else
                {
                    rejections.Add(new PlannedRejection(resource, new SourceRejection(source.Source, version, source.Errors)
                    {
                        Scope = source.Scope,
                        Warnings = source.Warnings,
                    }));
                }
            }
        }

        return problems.Count > 0 ? ManifestPlan.Refused(problems) : new ManifestPlan([], registrations, rejections, unresolved);
    }
}
