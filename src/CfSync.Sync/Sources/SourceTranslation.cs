using CfSync.Core.Fragments;
using CfSync.Core.Resources;
using CfSync.Core.Sources;

namespace CfSync.Sync.Sources;

/// <summary>
/// What one Kubernetes object gives one Cloudflare resource: its fragment, or (<see cref="Fragment"/> null) the reasons it
/// gives nothing, with what the producer warned about.
/// </summary>
public sealed record SourceContribution(ResourceIdentity Resource, ResourceScope Scope)
{
    public Fragment? Fragment { get; init; }

    public IReadOnlyList<string> Reasons { get; init; } = [];

    public IReadOnlyList<string> Warnings { get; init; } = [];

    public int? Priority { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }
}

/// <summary>
/// An object's whole translation as of cluster revision <see cref="ResourceVersion"/> (the API server's list
/// resourceVersion read before the object and its dependencies): every resource it feeds, and the reasons it could
/// not be resolved to any (<see cref="Unresolved"/>, e.g. no tunnel found for its class). It replaces whatever the
/// source gave before: a resource it no longer names is unregistered.
/// </summary>
public sealed record SourceTranslation(Source Source, string? Uid, string ResourceVersion, IReadOnlyList<SourceContribution> Contributions)
{
    public IReadOnlyList<string> Unresolved { get; init; } = [];
}

/// <summary>The object is gone (or being deleted) as of cluster revision <see cref="ResourceVersion"/>.</summary>
public sealed record SourceDeletion(Source Source, string? Uid, string ResourceVersion);
