using System.Text.Json;
using CfSync.Core.Text;
using CfSync.Translation.Models;

namespace CfSync.Translation.Manifests;

/// <summary>Typed look-ups over <see cref="IClusterView"/>.</summary>
public static class ClusterViewExtensions
{
    /// <exception cref="JsonException">The object found does not fit the model; the message names it and the field.</exception>
    public static T? Find<T>(this IClusterView view, GroupKind kind, string? objectNamespace, string name)
        where T : KubeObject
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.Find(kind, objectNamespace, name) is { } obj ? Read<T>(obj, kind) : null;
    }

    /// <exception cref="JsonException">An object does not fit the model; the message names it and the field.</exception>
    public static IEnumerable<T> List<T>(this IClusterView view, GroupKind kind)
        where T : KubeObject
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.List(kind).Select(obj => Read<T>(obj, kind));
    }

    private static T Read<T>(System.Text.Json.Nodes.JsonObject obj, GroupKind kind)
        where T : KubeObject
    {
        try
        {
            return ModelJson.Read<T>(obj);
        }
        catch (JsonException e) when (e.Path is not null)
        {
            // The path alone would point into the referencing object; say which object it is.
            var metadata = obj["metadata"];
            var ns = (string?)metadata?["namespace"];
            var name = (string?)metadata?["name"];
            throw new JsonException($"{ObjectDescription.Of(kind.Kind, ns, name)}: {Quote.Of(e.Path.TrimStart('$', '.'))}: has the wrong type", e);
        }
    }
}
