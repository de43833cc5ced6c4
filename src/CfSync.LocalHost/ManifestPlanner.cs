using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Core.Resources;
using CfSync.Sync.Client;
using CfSync.Sync.Entities;
using CfSync.Translation;
using CfSync.Translation.Manifests;

namespace CfSync.LocalHost;

/// <summary>
/// Turns posted manifests into the signals they stand for, checking the whole request first: the text must read as
/// manifests, every object's uid must be a (short) string, and every Cloudflare id an object names must fit a storage
/// key (<see cref="ResourceRoute.IdProblem"/>). Manifests carry no resourceVersion, so each update is ordered by
/// <c>sequence</c> (the caller's clock, which only has to increase between posts).
/// </summary>
public static class ManifestPlanner
{
    /// <summary>Kubernetes uids are 36-character UUIDs; anything much longer is not one.</summary>
    public const int MaxUidLength = 128;

    /// <summary>Characters of a name quoted in a problem; Kubernetes names are at most 253.</summary>
    private const int QuotedNameLength = 253;

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
            return ManifestPlan.Refused(new ManifestProblem(e.File, e.Line, null, null, e.Message));
        }

        var problems = new List<ManifestProblem>();
        var registrations = new List<PlannedRegistration>();
        var rejections = new List<PlannedRejection>();
        var unresolved = 0;
        foreach (var document in documents)
        {
            var uid = ReadUid(document, problems);
            var translation = ObjectTranslator.Translate(document.Object, cluster);
            CheckIds(document, translation, problems);
            foreach (var registration in translation.Registrations)
            {
                var contribution = registration.Contribution;
                registrations.Add(new PlannedRegistration(registration.Resource, new SourceRegistration(contribution.Source, new SourceVersion(uid, sequence), contribution.Fragment)
                {
                    Priority = contribution.Priority,
                    CreatedAt = contribution.CreatedAt,
                    Scope = registration.Scope,
                }));
            }

            foreach (var group in translation.Rejections.GroupBy(r => (r.Source, r.Resource)))
            {
                if (group.Key.Resource is not { } resource)
                {
                    unresolved++;
                    continue;
                }

                rejections.Add(new PlannedRejection(resource, new SourceRejection(group.Key.Source, new SourceVersion(uid, sequence), group.Select(r => r.Reason).ToArray())
                {
                    Scope = group.First().Scope,
                }));
            }
        }

        return problems.Count > 0 ? ManifestPlan.Refused([.. problems]) : new ManifestPlan([], registrations, rejections, unresolved);
    }

    private static string? ReadUid(ManifestDocument document, List<ManifestProblem> problems)
    {
        var uid = document.Object["metadata"]?["uid"];
        if (uid is null)
        {
            return null;
        }

        if (uid.GetValueKind() != JsonValueKind.String)
        {
            problems.Add(Problem(document, "metadata.uid", $"must be a string, not {uid.GetValueKind().ToString().ToLowerInvariant()}."));
            return null;
        }

        var value = uid.GetValue<string>();
        if (value.Length > MaxUidLength)
        {
            problems.Add(Problem(document, "metadata.uid", $"is {value.Length} characters; a Kubernetes uid is at most {MaxUidLength}."));
            return null;
        }

        return value;
    }

    private static void CheckIds(ManifestDocument document, TranslationResult translation, List<ManifestProblem> problems)
    {
        var named = translation.Registrations.Select(r => r.Resource)
            .Concat(translation.Rejections.Select(r => r.Resource).OfType<ResourceIdentity>())
            .Distinct();
        foreach (var resource in named)
        {
            if (ResourceRoute.IdProblem(resource) is { } problem)
            {
                problems.Add(Problem(document, null, $"the {resource.ResourceType} id it names: {problem}"));
            }
        }
    }

    private static ManifestProblem Problem(ManifestDocument document, string? field, string detail) =>
        new(document.File, document.Line, Describe(document.Object), field, detail);

    /// <summary>The object's source key, <c>Kind/namespace/name</c> (the reader guarantees kind and name).</summary>
    private static string Describe(JsonObject obj)
    {
        var metadata = obj["metadata"] as JsonObject;
        var @namespace = Text(metadata?["namespace"]);
        return $"{Text(obj["kind"])}/{(@namespace is null ? "" : $"{@namespace}/")}{Text(metadata?["name"])}";
    }

    private static string? Text(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.String && node.GetValue<string>() is var value
            ? (value.Length <= QuotedNameLength ? value : value[..QuotedNameLength] + "...")
            : null;
}
