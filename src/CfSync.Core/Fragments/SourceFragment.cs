namespace CfSync.Core.Fragments;

using CfSync.Core.Sources;

/// <summary>
/// A fragment together with the source that registered it and what decides conflicts between sources.
/// </summary>
/// <param name="Source">The Kubernetes object that produced the fragment.</param>
/// <param name="Fragment">The contribution itself.</param>
public sealed record SourceFragment(Source Source, Fragment Fragment)
{
    /// <summary>Lower wins a conflict; defaults to the fragment's own default priority.</summary>
    public int Priority { get; init; } = Fragment?.DefaultPriority ?? 100;

    /// <summary>The source object's creation time, when known: between equal priorities the older wins.</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}
