using System.Text;
using CfSync.Core.Resources;

namespace CfSync.Sync.Entities;

/// <summary>
/// The durable entity of a Cloudflare resource: entity name <c>cloudflareresource</c>, key
/// <c>{ResourceType}:{CloudflareId}</c>, e.g. <c>TunnelConfiguration:6ff42ae2-765d-4adf-8112-31c55c1551ef</c> —
/// what users type into the Durable Functions Monitor. Characters Azure Storage refuses in keys
/// (<c>/ \ # ?</c>), control characters and <c>%</c> itself are percent-encoded (<c>10.0.0.0/8</c> -> <c>10.0.0.0%2F8</c>).
/// </summary>
public static class ResourceEntityKey
{
    /// <summary>Entity names are lower-case in the SDK; DTFx looks them up case-sensitively.</summary>
    public const string EntityName = "cloudflareresource";

    public static string Format(ResourceIdentity resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var builder = new StringBuilder(resource.ResourceType.ToString()).Append(':');
        foreach (var c in resource.CloudflareId)
        {
            if (c is '%' or '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    public static ResourceIdentity Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !Enum.TryParse<ResourceType>(key[..colon], ignoreCase: false, out var type))
        {
            throw new FormatException($"'{key}' is not a resource entity key ({{ResourceType}}:{{CloudflareId}}).");
        }

        return new ResourceIdentity(type, Uri.UnescapeDataString(key[(colon + 1)..]));
    }
}
