using CfSync.Translation.Models;

namespace CfSync.Translation.Translators;

/// <summary>The annotations CfSync reads on the objects it translates.</summary>
internal static class Annotations
{
    /// <summary>
    /// <c>"true"</c>: take over an existing Cloudflare object of the same natural key (a DNS name, an Access app's name
    /// and domain, a route's CIDR, a Gateway rule's name) that carries no ownership marker. Without it such an object
    /// is never touched and the source shows Conflict naming it.
    /// </summary>
    public const string Adopt = "networking.cloudflare-operator.io/adopt";

    /// <summary>
    /// Per Ingress, HTTPRoute or TunnelBinding, overriding the class config's <c>dnsManagement</c>:
    /// <c>Automatic</c> (CfSync writes the hostnames' CNAMEs) or <c>Manual</c> (it writes none).
    /// </summary>
    public const string DnsManagement = "networking.cloudflare-operator.io/dns-management";

    public static bool Adopts(ObjectMeta metadata) =>
        string.Equals(metadata.Annotation(Adopt), "true", StringComparison.OrdinalIgnoreCase);
}
