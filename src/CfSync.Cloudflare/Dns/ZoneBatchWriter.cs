using CfSync.Cloudflare.Models;
using Microsoft.Extensions.Logging;

namespace CfSync.Cloudflare.Dns;

/// <summary>What writing a zone's changes gave: the record each change wrote (null for deletes), and the units that failed.</summary>
internal sealed record ZoneWriteResult(IReadOnlyDictionary<DnsChange, DnsRecord?> Written, IReadOnlyDictionary<string, string> FailedUnits);

/// <summary>
/// Writes one zone's changes through <c>POST /zones/{z}/dns_records/batch</c>, chunked to
/// <see cref="CloudflareDnsOptions.BatchSize"/> operations without splitting a unit (a record and its registry entry).
/// Cloudflare applies a batch all or nothing; a chunk it rejects is written again unit by unit, so one bad record fails
/// only its own unit. A transient failure ends the write (the engine retries the whole apply).
/// </summary>
internal sealed class ZoneBatchWriter(CloudflareClient client, int batchSize, ILogger logger)
{
    public async Task<ZoneWriteResult> WriteAsync(string zoneId, IReadOnlyList<DnsChange> changes, CancellationToken cancellationToken)
    {
        var written = new Dictionary<DnsChange, DnsRecord?>(ReferenceEqualityComparer.Instance);
        var failed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in Chunks(changes))
        {
            try
            {
                await BatchAsync(zoneId, chunk, written, cancellationToken).ConfigureAwait(false);
            }
            catch (CloudflareApiException rejected) when (!rejected.IsTransient)
            {
                DnsLog.BatchRejected(logger, zoneId, chunk.Count, rejected.StatusCode is { } status ? (int)status : null, Codes(rejected));
                if (chunk.All(c => c.Unit == chunk[0].Unit))
                {
                    // One unit: the answer is already its own.
                    failed[chunk[0].Unit] = Rejection(chunk[0].Unit, rejected);
                    continue;
                }

                await WriteUnitByUnitAsync(zoneId, chunk, written, failed, cancellationToken).ConfigureAwait(false);
            }
        }

        return new ZoneWriteResult(written, failed);
    }

    private List<List<DnsChange>> Chunks(IReadOnlyList<DnsChange> changes)
    {
        var chunks = new List<List<DnsChange>>();
        var current = new List<DnsChange>();
        foreach (var unit in changes.GroupBy(c => c.Unit, StringComparer.Ordinal))
        {
            if (current.Count > 0 && current.Count + unit.Count() > batchSize)
            {
                chunks.Add(current);
                current = [];
            }

            current.AddRange(unit);
        }

        if (current.Count > 0)
        {
            chunks.Add(current);
        }

        return chunks;
    }

    private async Task BatchAsync(string zoneId, List<DnsChange> changes, Dictionary<DnsChange, DnsRecord?> written, CancellationToken cancellationToken)
    {
        var result = await client.Dns.BatchAsync(zoneId, Request(changes), cancellationToken).ConfigureAwait(false);
        Record(written, changes, DnsChangeKind.Delete, result.Deletes);
        Record(written, changes, DnsChangeKind.Put, result.Puts);
        Record(written, changes, DnsChangeKind.Post, result.Posts);
    }

    private static DnsBatchRequest Request(List<DnsChange> chunk)
    {
        IReadOnlyList<T>? Of<T>(DnsChangeKind kind, Func<DnsChange, T> select)
        {
            var items = chunk.Where(c => c.Kind == kind).Select(select).ToList();
            return items.Count == 0 ? null : items;
        }

        return new DnsBatchRequest(
            Deletes: Of(DnsChangeKind.Delete, c => new DnsRecordId(c.RecordId!)),
            Puts: Of(DnsChangeKind.Put, c => c.Form!.ToPut(c.RecordId!)),
            Posts: Of(DnsChangeKind.Post, c => c.Form!.ToRequest()));
    }

    private static void Record(Dictionary<DnsChange, DnsRecord?> written, List<DnsChange> chunk, DnsChangeKind kind, IReadOnlyList<DnsRecord>? results)
    {
        var sent = chunk.Where(c => c.Kind == kind).ToList();
        for (var i = 0; i < sent.Count; i++)
        {
            written[sent[i]] = kind == DnsChangeKind.Delete || results is null || i >= results.Count ? null : results[i];
        }
    }

    /// <summary>
    /// Each unit of a rejected chunk on its own: a single call when it is one operation, else its own batch, so a record
    /// and its registry entry still land together or not at all (never a record left without its entry).
    /// </summary>
    private async Task WriteUnitByUnitAsync(
        string zoneId,
        List<DnsChange> chunk,
        Dictionary<DnsChange, DnsRecord?> written,
        Dictionary<string, string> failed,
        CancellationToken cancellationToken)
    {
        foreach (var unit in chunk.GroupBy(c => c.Unit, StringComparer.Ordinal))
        {
            var changes = unit.ToList();
            try
            {
                if (changes.Count > 1)
                {
                    await BatchAsync(zoneId, changes, written, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var change = changes[0];
                written[change] = change.Kind switch
                {
                    DnsChangeKind.Delete => await DeleteAsync(zoneId, change.RecordId!, cancellationToken).ConfigureAwait(false),
                    DnsChangeKind.Put => await client.Dns.UpdateAsync(zoneId, change.RecordId!, change.Form!.ToRequest(), cancellationToken).ConfigureAwait(false),
                    _ => await client.Dns.CreateAsync(zoneId, change.Form!.ToRequest(), cancellationToken).ConfigureAwait(false),
                };
            }
            catch (CloudflareApiException failure) when (!failure.IsTransient)
            {
                DnsLog.RecordRejected(logger, zoneId, unit.Key, changes.Count, Codes(failure));
                failed[unit.Key] = Rejection(unit.Key, failure);
            }
        }
    }

    private async Task<DnsRecord?> DeleteAsync(string zoneId, string recordId, CancellationToken cancellationToken)
    {
        // Already gone is what a delete wants.
        await client.Dns.DeleteAsync(zoneId, recordId, cancellationToken).ConfigureAwait(false);
        return null;
    }

    private static string Rejection(string unit, CloudflareApiException failure) => $"Cloudflare rejected the write of {unit}: {failure.Message}";

    private static string Codes(CloudflareApiException failure) => string.Join(",", failure.Errors.Select(e => e.Code));
}
