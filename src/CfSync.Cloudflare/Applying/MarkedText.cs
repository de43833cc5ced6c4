using CfSync.Cloudflare.Ownership;

namespace CfSync.Cloudflare.Applying;

/// <summary>
/// A free-text field (a Gateway rule's description, a route's comment) holding the user's text and, in brackets after
/// it, CfSync's ownership marker: <c>office LAN [heritage=cfsync,cfsync/owner=cfsync,cfsync/resource=NetworkRoute/lan]</c>.
/// </summary>
internal static class MarkedText
{
    public static string With(string? text, OwnershipMarker marker)
    {
        ArgumentNullException.ThrowIfNull(marker);
        return string.IsNullOrEmpty(text) ? $"[{marker}]" : $"{text} [{marker}]";
    }

    public static string? OwnerOf(string? text) => OwnershipMarker.Find(text)?.Owner;
}
