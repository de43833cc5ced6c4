using CfSync.Cloudflare.Models;
using CfSync.Cloudflare.Ownership;

namespace CfSync.Cloudflare.Dns;

/// <summary>
/// Where the ownership of DNS records is written down: a TXT record per managed name (<see cref="TxtRegistry"/>) or the
/// managed record's own comment (<see cref="CommentRegistry"/>), as <see cref="OwnershipOptions.DnsRegistry"/> says.
/// </summary>
internal interface IDnsRegistry
{
    /// <summary>The marker covering the records of <paramref name="type"/> at <paramref name="name"/>, or null when none is there.</summary>
    OwnershipMarker? OwnerOf(ZoneRecords zone, string type, string name);

    /// <summary>The managed record as it is to be written (the comment registry writes the marker into it).</summary>
    DnsRecordForm Mark(DnsRecordForm record, OwnershipMarker marker);

    /// <summary>The registry's own records for a managed record, as they should be (none for the comment registry).</summary>
    IReadOnlyList<DnsRecordForm> EntriesFor(ZoneRecords zone, DnsRecordForm record, OwnershipMarker marker);

    /// <summary>The registry's records the zone holds for the records of <paramref name="type"/> at <paramref name="name"/>.</summary>
    IReadOnlyList<DnsRecord> EntriesOf(ZoneRecords zone, string type, string name);

    /// <summary>Names to read for a record at <paramref name="name"/> when not reading the whole zone.</summary>
    IReadOnlyList<string> NamesToRead(string zoneName, string type, string name);
}
