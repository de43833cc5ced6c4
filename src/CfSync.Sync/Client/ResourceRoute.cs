using CfSync.Core.Resources;

namespace CfSync.Sync.Client;

/// <summary>
/// The resource named by an HTTP route <c>resources/{resourceType}/{cloudflareId}</c>, as both hosts serve it: the type
/// case-insensitively, the id as given (percent-decoded).
/// </summary>
public static class ResourceRoute
{
    public static bool TryParse(string resourceType, string cloudflareId, out ResourceIdentity resource, out string problem)
    {
        ArgumentNullException.ThrowIfNull(cloudflareId);
        var known = Enum.TryParse<ResourceType>(resourceType, ignoreCase: true, out var type) && !int.TryParse(resourceType, out _);
        resource = new ResourceIdentity(type, Uri.UnescapeDataString(cloudflareId));
        problem = known ? string.Empty : $"Unknown resource type '{resourceType}' (use one of: {string.Join(", ", Enum.GetNames<ResourceType>())}).";
        return known;
    }
}
