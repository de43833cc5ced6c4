using CfSync.Core.Resources;
using CfSync.Sync.Entities;

namespace CfSync.Sync.Client;

/// <summary>
/// The resource named by an HTTP route <c>resources/{resourceType}/{cloudflareId}</c>, as both hosts serve it: the type
/// case-insensitively, the id as given (percent-decoded) and within <see cref="MaxEncodedIdLength"/>.
/// </summary>
public static class ResourceRoute
{
    /// <summary>
    /// Longest id, as <see cref="ResourceEntityKey"/> encodes it (<c>/ \ # ? %</c> and control characters take 3
    /// characters each). Cloudflare ids are 32 hex digits or UUIDs; natural keys are at most a record type and a DNS
    /// name (253), an Access domain with a path, or a CIDR with a virtual network. 400 keeps the longest instance id the
    /// engine derives (<c>@cloudflareresource@TunnelConfiguration:{id}:sync:{count}</c>, 465 characters) within Azure
    /// Table's PartitionKey limit of 1 KiB (512 UTF-16 characters).
    /// </summary>
    public const int MaxEncodedIdLength = 400;

    /// <summary>Characters of an offending id quoted in a problem.</summary>
    private const int QuotedPrefixLength = 40;

    public static bool TryParse(string resourceType, string cloudflareId, out ResourceIdentity resource, out string problem)
    {
        ArgumentNullException.ThrowIfNull(cloudflareId);
        var known = Enum.TryParse<ResourceType>(resourceType, ignoreCase: true, out var type) && !int.TryParse(resourceType, out _);
        resource = new ResourceIdentity(type, Uri.UnescapeDataString(cloudflareId));
        problem = known
            ? IdProblem(resource) is { } idProblem ? $"cloudflareId: {idProblem}" : string.Empty
            : $"resourceType: unknown resource type '{Quote(resourceType)}' (use one of: {string.Join(", ", Enum.GetNames<ResourceType>())}).";
        return problem.Length == 0;
    }

    /// <summary>
    /// Why an id cannot name an entity (its key becomes an Azure Storage partition key and queue message content), or
    /// null when it can: empty, a control character, or longer than <see cref="MaxEncodedIdLength"/> once encoded.
    /// </summary>
    public static string? IdProblem(ResourceIdentity resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var cloudflareId = resource.CloudflareId;
        if (cloudflareId.Length == 0)
        {
            return "must not be empty.";
        }

        // Control characters are storage-safe once encoded, but no Cloudflare id has one; they would only reach logs.
        if (cloudflareId.Any(char.IsControl))
        {
            return $"'{Quote(cloudflareId)}' contains a control character.";
        }

        // Encoding never shortens an id: a long one is refused without encoding it.
        var encoded = cloudflareId.Length > MaxEncodedIdLength
            ? cloudflareId.Length
            : ResourceEntityKey.Format(resource).Length - resource.ResourceType.ToString().Length - 1;
        return encoded > MaxEncodedIdLength
            ? $"'{Quote(cloudflareId)}' is too long for a storage key ({cloudflareId.Length} characters; at most {MaxEncodedIdLength}, counting each / \\ # ? % as the 3 of its %XX encoding)."
            : null;
    }

    private static string Quote(string value) =>
        value.Length <= QuotedPrefixLength
            ? Printable(value)
            : Printable(value[..QuotedPrefixLength]) + "...";

    private static string Printable(string value) => string.Concat(value.Select(c => char.IsControl(c) ? '?' : c));
}
