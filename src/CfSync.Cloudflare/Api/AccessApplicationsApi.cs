using System.Text.Json.Nodes;
using CfSync.Cloudflare.Models;

namespace CfSync.Cloudflare.Api;

public sealed class AccessApplicationsApi
{
    private readonly CloudflareTransport transport;

    internal AccessApplicationsApi(CloudflareTransport transport) => this.transport = transport;

    public async Task<CloudflarePage<AccessApplication>> ListPageAsync(string accountId, AccessApplicationQuery? query = null, int page = 1, int perPage = 100, CancellationToken cancellationToken = default)
    {
        var path = Apps(accountId) + new QueryString()
            .Add("name", query?.Name).Add("domain", query?.Domain).Add("aud", query?.Aud).Add("search", query?.Search)
            .Add("page", page).Add("per_page", perPage);
        var response = await transport.SendAsync<List<AccessApplication>>(HttpMethod.Get, path, null, false, cancellationToken).ConfigureAwait(false);
        return new CloudflarePage<AccessApplication>(response!.Result ?? [], response.ResultInfo);
    }

    public IAsyncEnumerable<AccessApplication> ListAllAsync(string accountId, AccessApplicationQuery? query = null, int perPage = 100, CancellationToken cancellationToken = default) =>
        CloudflareTransport.PageAllAsync((page, ct) => ListPageAsync(accountId, query, page, perPage, ct), perPage, cancellationToken);

    public async Task<AccessApplication> CreateAsync(string accountId, AccessApplicationRequest application, CancellationToken cancellationToken = default) =>
        (await transport.SendAsync<AccessApplication>(HttpMethod.Post, Apps(accountId), JsonBody.From(application), false, cancellationToken).ConfigureAwait(false))!.Result;

    /// <summary>PUT: full replace.</summary>
    public async Task<AccessApplication> UpdateAsync(string accountId, string appId, AccessApplicationRequest application, CancellationToken cancellationToken = default) =>
        (await transport.SendAsync<AccessApplication>(HttpMethod.Put, App(accountId, appId), JsonBody.From(application), false, cancellationToken).ConfigureAwait(false))!.Result;

    /// <summary>POST with a body as the core wrote it (any application type, embedded policies), sent as it is.</summary>
    public async Task<AccessApplication> CreateAsync(string accountId, JsonObject application, CancellationToken cancellationToken = default) =>
        (await transport.SendAsync<AccessApplication>(HttpMethod.Post, Apps(accountId), JsonBody.From(application), false, cancellationToken).ConfigureAwait(false))!.Result;

    /// <summary>PUT (full replace) with a body as the core wrote it, sent as it is.</summary>
    public async Task<AccessApplication> UpdateAsync(string accountId, string appId, JsonObject application, CancellationToken cancellationToken = default) =>
        (await transport.SendAsync<AccessApplication>(HttpMethod.Put, App(accountId, appId), JsonBody.From(application), false, cancellationToken).ConfigureAwait(false))!.Result;

    public async Task<DeleteOutcome> DeleteAsync(string accountId, string appId, CancellationToken cancellationToken = default) =>
        await transport.SendAsync<DnsRecordId>(HttpMethod.Delete, App(accountId, appId), null, true, cancellationToken).ConfigureAwait(false) is null
            ? DeleteOutcome.NotFound
            : DeleteOutcome.Deleted;

    private static string Apps(string accountId) => ApiPaths.Account(accountId) + "/access/apps";

    private static string App(string accountId, string appId) => Apps(accountId) + "/" + ApiPaths.Segment(appId);
}
