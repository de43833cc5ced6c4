namespace CfSync.Cloudflare.Ownership;

/// <summary>Where CfSync records which DNS records are its own.</summary>
public enum DnsRegistryKind
{
    /// <summary>A TXT record per managed name, external-dns style (<c>cname-app.example.com</c>); the default.</summary>
    Txt,

    /// <summary>The managed record's own <c>comment</c>: no extra records (free zones allow 100 characters).</summary>
    Comment,
}

/// <summary>
/// How this installation marks what it owns in Cloudflare (section <c>Cloudflare:Ownership</c>). Installations that
/// share an account or a zone must have different <see cref="OwnerId"/>s: each touches only what carries its own.
/// </summary>
public sealed class OwnershipOptions
{
    /// <summary>This installation's owner id, written into every ownership marker.</summary>
    public string OwnerId { get; set; } = "cfsync";

    public DnsRegistryKind DnsRegistry { get; set; } = DnsRegistryKind.Txt;

    /// <summary>
    /// Optional AES-256 key (base64, 32 bytes; from a Secret) encrypting the TXT registry's content. Null: plain text.
    /// </summary>
    public string? TxtEncryptionKey { get; set; }

    /// <summary>Longest record comment the zone's plan allows (free 100, paid plans 500).</summary>
    public int CommentLimit { get; set; } = 100;

    public override string ToString() =>
        $"OwnerId={OwnerId}, DnsRegistry={DnsRegistry}, TxtEncryptionKey={(TxtEncryptionKey is null ? "<none>" : "<redacted>")}, CommentLimit={CommentLimit}";
}
