using CfSync.Cloudflare.Models;

namespace CfSync.Cloudflare.Dns;

/// <summary>What one zone held when an apply read it.</summary>
internal sealed record ZoneRecords(CloudflareZone Zone, IReadOnlyList<DnsRecord> Records)
{
    /// <summary>Large enough that a zone is one list call; Cloudflare allows far more per page.</summary>
    public const int PerPage = 5000;

    public IEnumerable<DnsRecord> Named(string name)
    {
        var normal = DnsNames.Normalize(name);
        return Records.Where(r => DnsNames.Normalize(r.Name) == normal);
    }

    /// <summary>The whole zone, in as few list calls as the page size allows.</summary>
    public static async Task<ZoneRecords> ReadAsync(CloudflareClient client, CloudflareZone zone, CancellationToken cancellationToken)
    {
        var records = new List<DnsRecord>();
        await foreach (var record in client.Dns.ListAllAsync(zone.Id, perPage: PerPage, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            records.Add(record);
        }

        return new ZoneRecords(zone, records);
    }

    /// <summary>Only the records at these names (one filtered list call per name): for applies that touch a name or two.</summary>
    public static async Task<ZoneRecords> ReadNamesAsync(CloudflareClient client, CloudflareZone zone, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var records = new List<DnsRecord>();
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            await foreach (var record in client.Dns.ListAllAsync(zone.Id, new DnsRecordQuery(Name: name), PerPage, cancellationToken).ConfigureAwait(false))
            {
                records.Add(record);
            }
        }

        return new ZoneRecords(zone, records);
    }
}
