using System.Text.Json.Nodes;
using CfSync.Cloudflare.Ownership;

namespace CfSync.Cloudflare.Applying;

/// <summary>
/// A free-text field (a Gateway rule's description, a route's comment) holding the user's text and, in brackets after
/// it, CfSync's ownership marker: <c>office LAN [heritage=cfsync,cfsync/owner=cfsync,cfsync/resource=NetworkRoute/lan]</c>.
/// </summary>
internal static class MarkedText
{
    /// <summary>A copy of <paramref name="body"/> whose <paramref name="field"/> carries the marker after the user's text.</summary>
    public static JsonObject Mark(JsonObject body, string field, OwnershipMarker marker)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(marker);
        var text = body[field]?.GetValue<string>();
        var marked = body.DeepClone().AsObject();
        marked[field] = string.IsNullOrEmpty(text) ? $"[{marker}]" : $"{text} [{marker}]";
        return marked;
    }

    /// <summary>The owner id the marker in <paramref name="field"/> names, or null.</summary>
    public static string? OwnerOf(JsonObject current, string field)
    {
        ArgumentNullException.ThrowIfNull(current);
        return OwnershipMarker.Find(current[field]?.GetValue<string>())?.Owner;
    }
}
