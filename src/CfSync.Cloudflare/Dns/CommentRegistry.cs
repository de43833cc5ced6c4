using CfSync.Cloudflare.Models;
using CfSync.Cloudflare.Ownership;

namespace CfSync.Cloudflare.Dns;

/// <summary>
/// The opt-in registry: the marker leads the managed record's own comment, the source's comment follows it, all cut to
/// <see cref="OwnershipOptions.CommentLimit"/>. When the whole marker does not fit, its resource part is dropped first
/// (the owner id always stays whole); such a record is then attributed by its content alone.
/// </summary>
internal sealed class CommentRegistry(OwnershipOptions options) : IDnsRegistry
{
    public OwnershipMarker? OwnerOf(ZoneRecords zone, string type, string name) =>
        zone.Named(name).Where(r => r.Type == type).Select(r => OwnershipMarker.Find(r.Comment)).FirstOrDefault(m => m is not null);

    public DnsRecordForm Mark(DnsRecordForm record, OwnershipMarker marker)
    {
        var text = marker.ToString();
        if (text.Length > options.CommentLimit)
        {
            text = (marker with { Resource = null }).ToString();
        }

        var comment = record.Comment is null ? text : $"{text} {record.Comment}";
        return record with { Comment = comment.Length > options.CommentLimit ? comment[..options.CommentLimit] : comment };
    }

    public IReadOnlyList<DnsRecordForm> EntriesFor(ZoneRecords zone, DnsRecordForm record, OwnershipMarker marker) => [];

    public IReadOnlyList<DnsRecord> EntriesOf(ZoneRecords zone, string type, string name) => [];

    public IReadOnlyList<string> NamesToRead(string zoneName, string type, string name) => [name];
}
