using System.Security.Cryptography;
using System.Text;
using CfSync.Core.Resources;

namespace CfSync.Kubernetes.SyncStates;

/// <summary>
/// The CloudflareSyncState object of a resource: <c>{type}-{cloudflare id}</c> lower-cased, e.g.
/// <c>tunnelconfiguration-6ff42ae2-765d-4adf-8112-31c55c1551ef</c>. Ids that are not valid in a Kubernetes name
/// (<c>10.0.0.0/8</c>, <c>Block gambling</c>) are cleaned and get a short hash of the original, so two ids never meet.
/// </summary>
public static class SyncStateNames
{
    public const string Group = "networking.cloudflare-operator.io";
    public const string Version = "v1alpha2";
    public const string Plural = "cloudflaresyncstates";

    public static string For(ResourceIdentity resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var id = resource.CloudflareId.ToLowerInvariant();
        var cleaned = new string(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-').ToArray()).Trim('-', '.');
        var name = $"{resource.ResourceType.ToString().ToLowerInvariant()}-{cleaned}";
        if (cleaned == id && name.Length <= 253)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(resource.CloudflareId)))[..10];
        return $"{name[..Math.Min(name.Length, 240)].TrimEnd('-', '.')}-{hash}";
    }
}
