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
}
