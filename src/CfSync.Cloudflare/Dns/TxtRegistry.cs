using CfSync.Cloudflare.Models;
using CfSync.Cloudflare.Ownership;

namespace CfSync.Cloudflare.Dns;

/// <summary>
/// The default registry, external-dns style: for the records of one type at one name, a TXT record whose first label is
/// prefixed with the type in lower case (<c>cname-app.example.com</c> for <c>CNAME app.example.com</c>). A wildcard's
/// <c>*</c> label becomes <c>_wildcard</c> (<c>cname-_wildcard.example.com</c>) and the zone apex <c>_apex</c>
/// (<c>cname-_apex.example.com</c>): a hostname cannot hold an underscore, so these never meet a real name's entry. The
/// content is the <see cref="OwnershipMarker"/> text, AES-GCM encrypted when a key is configured (<see cref="TxtCipher"/>).
/// </summary>
internal sealed class TxtRegistry(TxtCipher? cipher) : IDnsRegistry
{
    public static string EntryName(string zoneName, string type, string name)
    {
        var normal = DnsNames.Normalize(name);
        var zone = DnsNames.Normalize(zoneName);
        var prefix = type.ToLowerInvariant() + "-";
        if (normal == zone)
        {
            return $"{prefix}_apex.{zone}";
        }

        var dot = normal.IndexOf('.', StringComparison.Ordinal);
        var (first, rest) = dot < 0 ? (normal, string.Empty) : (normal[..dot], normal[dot..]);
        return prefix + (first == "*" ? "_wildcard" : first) + rest;
    }

    public OwnershipMarker? OwnerOf(ZoneRecords zone, string type, string name) =>
        EntriesOf(zone, type, name).Select(r => Read(r.Content)).FirstOrDefault(m => m is not null);

    public DnsRecordForm Mark(DnsRecordForm record, OwnershipMarker marker) => record;

    public IReadOnlyList<DnsRecordForm> EntriesFor(ZoneRecords zone, DnsRecordForm record, OwnershipMarker marker)
    {
        var text = marker.ToString();
        return [new DnsRecordForm("TXT", EntryName(zone.Zone.Name, record.Type, record.Name), cipher?.Encrypt(text) ?? text, 1, false, null, [])];
    }

    public IReadOnlyList<DnsRecord> EntriesOf(ZoneRecords zone, string type, string name) =>
        [.. zone.Named(EntryName(zone.Zone.Name, type, name)).Where(r => r.Type == "TXT")];

    public IReadOnlyList<string> NamesToRead(string zoneName, string type, string name) => [name, EntryName(zoneName, type, name)];

    private OwnershipMarker? Read(string? content) =>
        content is null ? null : OwnershipMarker.Find(cipher is null ? content : cipher.Decrypt(content) ?? content);
}
