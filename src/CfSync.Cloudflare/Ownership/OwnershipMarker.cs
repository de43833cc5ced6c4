namespace CfSync.Cloudflare.Ownership;

/// <summary>
/// The text that says an object in Cloudflare is ours: <c>heritage=cfsync,cfsync/owner=&lt;owner id&gt;,cfsync/resource=&lt;Kind/ns/name&gt;</c>
/// (external-dns's style, our own keys). It names the installation and the source, never a tunnel id or an account.
/// </summary>
public sealed record OwnershipMarker(string Owner, string? Resource)
{
    /// <summary>The annotation (with its value) by which a source opts in to taking over an object that is not ours.</summary>
    public const string AdoptAnnotation = "networking.cloudflare-operator.io/adopt: \"true\"";

    private const string Heritage = "heritage=cfsync";
    private const string OwnerKey = "cfsync/owner=";
    private const string ResourceKey = "cfsync/resource=";

    public override string ToString() =>
        Resource is null ? $"{Heritage},{OwnerKey}{Owner}" : $"{Heritage},{OwnerKey}{Owner},{ResourceKey}{Resource}";

    /// <summary>The marker in <paramref name="text"/> (which may hold other words around it), or null when there is none.</summary>
    public static OwnershipMarker? Find(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var start = text.IndexOf(Heritage, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        string? owner = null;
        string? resource = null;
        foreach (var part in text[start..].Trim('"').Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith(OwnerKey, StringComparison.Ordinal))
            {
                owner = Word(part[OwnerKey.Length..]);
            }
            else if (part.StartsWith(ResourceKey, StringComparison.Ordinal))
            {
                resource = Word(part[ResourceKey.Length..]);
            }
        }

        return owner is null ? null : new OwnershipMarker(owner, resource);
    }

    /// <summary>True when <paramref name="text"/> carries this installation's marker.</summary>
    public static bool IsOwnedBy(string? text, string ownerId) => Find(text)?.Owner == ownerId;

    // A marker embedded in free text ends at the first blank or closing bracket.
    private static string Word(string value)
    {
        var end = value.IndexOfAny([' ', ')', ']', '"']);
        return end < 0 ? value : value[..end];
    }
}
