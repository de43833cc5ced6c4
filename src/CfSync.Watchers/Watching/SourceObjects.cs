using System.Text.Json.Nodes;
using CfSync.Core.Sources;
using CfSync.Translation;
using CfSync.Watchers.Cluster;

namespace CfSync.Watchers.Watching;

/// <summary>A source's object as the API holds it now, with the kind it was read as.</summary>
internal sealed record SourceObject(KindDescription Kind, JsonObject Object);

/// <summary>
/// Sources and the objects behind them. A source key names a kind without its group, and TunnelBinding is served in
/// two groups (ours and the original operator's): its object is ours if both exist, and it is missing only when
/// missing in both.
/// </summary>
internal static class SourceObjects
{
    /// <summary>The translated kinds a source of <paramref name="kind"/> may be, ours first (the order of <see cref="Kinds.All"/>).</summary>
    public static IReadOnlyList<KindDescription> KindsOf(string kind) =>
        [.. Kinds.All.Where(k => k.ContributesFragments && k.Kind.Kind == kind)];

    public static Source SourceOf(KindDescription kind, JsonObject obj) =>
        new(kind.Kind.Kind, kind.Namespaced ? ObjectFields.Namespace(obj) : null, ObjectFields.Name(obj));

    /// <summary>The source's object, or null when none of its kinds has it.</summary>
    public static async Task<SourceObject?> ReadAsync(IClusterReader reader, Source source, CancellationToken cancellationToken)
    {
        foreach (var kind in KindsOf(source.Kind))
        {
            if (await reader.GetAsync(kind, source.Namespace, source.Name, cancellationToken).ConfigureAwait(false) is { } obj)
            {
                return new SourceObject(kind, obj);
            }
        }

        return null;
    }
}
