using CfSync.Core.Fragments;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Translation.Models;

namespace CfSync.Translation.Translators;

/// <summary>The object being translated: its source, and the creation time that breaks conflict ties.</summary>
internal sealed record SourceContext(Source Source, DateTimeOffset? CreatedAt)
{
    public static SourceContext Of(string kind, ObjectMeta metadata, bool clusterScoped) =>
        new(new Source(kind, clusterScoped ? null : metadata.Namespace ?? "default", metadata.Name), metadata.CreationTimestamp);

    /// <summary>The object's namespace; null when cluster-scoped.</summary>
    public string? Namespace => Source.Namespace;

    public Registration Register(ResourceIdentity resource, ResourceScope scope, Fragment fragment) =>
        new(resource, scope, new SourceFragment(Source, fragment) { CreatedAt = CreatedAt });

    public Rejection Reject(Problem problem, ResourceIdentity? resource = null, ResourceScope? scope = null) =>
        new(Source, resource, scope, $"{Source.Key}: {problem}");

    public Warning Warn(Problem problem, ResourceIdentity? resource = null) => new(Source, resource, $"{Source.Key}: {problem}");

    public TranslationResult Rejected(Problem problem) => new([], [Reject(problem)]);

    public TranslationResult Registered(ResourceIdentity resource, ResourceScope scope, Fragment fragment) =>
        new([Register(resource, scope, fragment)], []);
}
