using CfSync.Cloudflare.Models;
using CfSync.Cloudflare.Ownership;
using CfSync.Sync.Orchestrations;

namespace CfSync.Cloudflare.Dns;

/// <summary>
/// Says whether a record of ours that another source holds may go to <see cref="ManagedRecord.Source"/> (an explicit
/// DNSRecord beats a tunnel hostname; a tunnel keeps what another tunnel holds).
/// </summary>
internal delegate bool HolderPolicy(ManagedRecord wanted, OwnershipMarker held, IReadOnlyList<DnsRecord> records);

/// <summary>What a zone needs written, and the sources that cannot have their record.</summary>
internal sealed record ZonePlan(IReadOnlyList<DnsChange> Changes, IReadOnlyList<SourceConflict> Conflicts, IReadOnlySet<string> Granted);

/// <summary>
/// Decides, against what the zone holds, what to write for the records sources want and which stale records of ours to
/// delete. Only records carrying this installation's marker are written; a record of the same name that is not ours is
/// a conflict naming it, unless the source opted in to adopt it. Nothing is written where the normal forms are equal.
/// </summary>
internal sealed class ZonePlanner(IDnsRegistry registry, string ownerId, int commentLimit)
{
    private static readonly string[] AddressTypes = ["A", "AAAA", "CNAME"];

    public ZonePlan Plan(ZoneRecords zone, IEnumerable<ManagedRecord> wanted, IEnumerable<(DnsRecord Record, string Source)> stale, HolderPolicy mayTakeOver)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(stale);
        var changes = new List<DnsChange>();
        var conflicts = new List<SourceConflict>();
        var granted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in wanted)
        {
            if (Blocker(zone, record, mayTakeOver) is { } reason)
            {
                conflicts.Add(new SourceConflict(record.Source, reason));
                continue;
            }

            granted.Add(record.Desired.Key);
            changes.AddRange(Write(zone, record));
        }

        foreach (var (record, source) in stale)
        {
            var unit = $"{record.Type} {DnsNames.Normalize(record.Name)}";
            changes.Add(DnsChange.Delete(record.Id, unit, source, $"{unit} no longer wanted"));
            changes.AddRange(registry.EntriesOf(zone, record.Type, record.Name)
                .Select(e => DnsChange.Delete(e.Id, unit, source, $"registry TXT {e.Name} no longer wanted")));
        }

        return new ZonePlan(changes, conflicts, granted);
    }

    /// <summary>The records at the wanted name that one name can hold only one of (a CNAME excludes A, AAAA and other CNAMEs).</summary>
    private static List<DnsRecord> InTheWay(ZoneRecords zone, DnsRecordForm desired) =>
        [.. zone.Named(desired.Name).Where(r => r.Type == desired.Type
            || (desired.Type == "CNAME" && AddressTypes.Contains(r.Type))
            || (r.Type == "CNAME" && AddressTypes.Contains(desired.Type)))];

    private string? Blocker(ZoneRecords zone, ManagedRecord wanted, HolderPolicy mayTakeOver)
    {
        var present = InTheWay(zone, wanted.Desired);
        var types = present.Select(r => r.Type).Append(wanted.Desired.Type).Distinct(StringComparer.Ordinal);
        foreach (var type in types)
        {
            var records = present.Where(r => r.Type == type).ToList();
            var entries = registry.EntriesOf(zone, type, wanted.Desired.Name);
            if (records.Count == 0 && entries.Count == 0)
            {
                continue;
            }

            var marker = registry.OwnerOf(zone, type, wanted.Desired.Name);
            if (marker is null || marker.Owner != ownerId)
            {
                if (wanted.Adopt)
                {
                    continue;
                }

                var named = records.FirstOrDefault() ?? entries[0];
                var whose = marker is null ? "carries no ownership marker" : $"belongs to installation '{marker.Owner}'";
                return $"{named.Type} {DnsNames.Normalize(named.Name)} (id {named.Id}) in zone {zone.Zone.Name} {whose}: CfSync does not overwrite it; " +
                    $"set the annotation {OwnershipMarker.AdoptAnnotation} on {wanted.Source} to take it over";
            }

            if (marker.Resource != wanted.Source && !mayTakeOver(wanted, marker, records))
            {
                return $"{type} {wanted.Desired.Name} in zone {zone.Zone.Name} is held by {marker.Resource ?? "another source of this installation"}";
            }
        }

        return null;
    }

    private IEnumerable<DnsChange> Write(ZoneRecords zone, ManagedRecord wanted)
    {
        var unit = wanted.Desired.Key;
        var marker = new OwnershipMarker(ownerId, wanted.Source);
        var form = registry.Mark(wanted.Desired, marker);
        var present = InTheWay(zone, wanted.Desired);
        var same = present.Where(r => r.Type == form.Type).OrderByDescending(r => r.Id == wanted.PreferredId).ToList();
        foreach (var other in present.Where(r => r.Type != form.Type).Concat(same.Skip(1)))
        {
            yield return DnsChange.Delete(other.Id, unit, wanted.Source, $"{other.Type} {DnsNames.Normalize(other.Name)} (id {other.Id}) replaced");
            if (other.Type != form.Type)
            {
                foreach (var entry in registry.EntriesOf(zone, other.Type, other.Name))
                {
                    yield return DnsChange.Delete(entry.Id, unit, wanted.Source, $"registry TXT {entry.Name} replaced");
                }
            }
        }

        if (same.FirstOrDefault() is { } held)
        {
            var differences = form.DifferencesFrom(DnsRecordForm.Of(held, commentLimit));
            if (differences.Count > 0)
            {
                yield return DnsChange.Put(held.Id, form, unit, wanted.Source, $"{unit}: {string.Join(", ", differences)}");
            }
        }
        else
        {
            yield return DnsChange.Post(form, unit, wanted.Source, $"{unit} missing");
        }

        var entries = registry.EntriesOf(zone, form.Type, form.Name);
        var desiredEntries = registry.EntriesFor(zone, form, marker);
        for (var i = 0; i < desiredEntries.Count; i++)
        {
            var entry = desiredEntries[i];
            if (i >= entries.Count)
            {
                yield return DnsChange.Post(entry, unit, wanted.Source, $"registry TXT {entry.Name} missing");
            }
            else if (entry.DifferencesFrom(DnsRecordForm.Of(entries[i], commentLimit)).Count > 0)
            {
                yield return DnsChange.Put(entries[i].Id, entry, unit, wanted.Source, $"registry TXT {entry.Name} differs");
            }
        }

        foreach (var extra in entries.Skip(desiredEntries.Count))
        {
            yield return DnsChange.Delete(extra.Id, unit, wanted.Source, $"registry TXT {extra.Name} duplicated");
        }
    }
}
