using CfSync.Core.Text;

namespace CfSync.Translation;

/// <summary>How messages name an object: <c>Kind namespace/name</c>, or <c>Kind name</c>, each part quoted at bounded length.</summary>
internal static class ObjectDescription
{
    public static string Of(string kind, string? objectNamespace, string? name) =>
        objectNamespace is null ? $"{Quote.Of(kind)} {Quote.Of(name)}" : $"{Quote.Of(kind)} {Quote.Of(objectNamespace)}/{Quote.Of(name)}";
}
