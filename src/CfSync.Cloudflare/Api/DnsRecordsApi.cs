using CfSync.Cloudflare.Models;

namespace CfSync.Cloudflare.Api;

public sealed class DnsRecordsApi
{
    private readonly CloudflareTransport transport;

    internal DnsRecordsApi(CloudflareTransport transport) => this.transport = transport;

    public async Task<CloudflarePage<DnsRecord>> ListPageAsync(string zoneId, DnsRecordQuery? query = null, int page = 1, int perPage = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perPage, 1);
        var path = Records(zoneId) + new QueryString()
            .Add("type", query?.Type).Add("name", query?.Name).Add("content", query?.Content).Add("proxied", query?.Proxied)
            .Add("comment", query?.Comment).Add("tag", query?.Tag).Add("match", query?.Match)
            .Add("page", page).Add("per_page", perPage);
        var response = await transport.SendAsync<List<DnsRecord>>(HttpMethod.Get, path, null, false, cancellationToken).ConfigureAwait(false);
        return new CloudflarePage<DnsRecord>(response!.Result ?? [], response.ResultInfo);
    }

    public IAsyncEnumerable<DnsRecord> ListAllAsync(string zoneId, DnsRecordQuery? query = null, int perPage = 100, CancellationToken cancellationToken = default) =>
        CloudflareTransport.PageAllAsync((page, ct) => ListPageAsync(zoneId, query, page, perPage, ct), perPage, cancellationToken);

    public Task<DnsRecord> CreateAsync(string zoneId, DnsRecordRequest record, CancellationToken cancellationToken = default) =>
        SendAsync<DnsRecord>(HttpMethod.Post, Records(zoneId), JsonBody.From(record), cancellationToken);

    /// <summary>PUT: overwrites the record.</summary>
    public Task<DnsRecord> UpdateAsync(string zoneId, string recordId, DnsRecordRequest record, CancellationToken cancellationToken = default) =>
        SendAsync<DnsRecord>(HttpMethod.Put, Record(zoneId, recordId), JsonBody.From(record), cancellationToken);

    public Task<DnsRecord> PatchAsync(string zoneId, string recordId, DnsRecordPatch patch, CancellationToken cancellationToken = default) =>
        SendAsync<DnsRecord>(HttpMethod.Patch, Record(zoneId, recordId), JsonBody.From(patch), cancellationToken);

    public async Task<DeleteOutcome> DeleteAsync(string zoneId, string recordId, CancellationToken cancellationToken = default) =>
        await transport.SendAsync<DnsRecordId>(HttpMethod.Delete, Record(zoneId, recordId), null, true, cancellationToken).ConfigureAwait(false) is null
            ? DeleteOutcome.NotFound
            : DeleteOutcome.Deleted;

    /// <summary>All-or-nothing batch: deletes, then patches, then puts, then posts.</summary>
    public Task<DnsBatchResult> BatchAsync(string zoneId, DnsBatchRequest batch, CancellationToken cancellationToken = default) =>
        SendAsync<DnsBatchResult>(HttpMethod.Post, Records(zoneId) + "/batch", JsonBody.From(batch), cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, byte[] body, CancellationToken cancellationToken) =>
        (await transport.SendAsync<T>(method, path, body, false, cancellationToken).ConfigureAwait(false))!.Result;

    private static string Records(string zoneId) => ApiPaths.Zone(zoneId) + "/dns_records";

    private static string Record(string zoneId, string recordId) => Records(zoneId) + "/" + ApiPaths.Segment(recordId);
}
