using CfSync.Cloudflare.Models;

namespace CfSync.Cloudflare.Api;

public sealed class ZonesApi
{
    public const int MinPerPage = 5;
    public const int MaxPerPage = 50;

    private readonly CloudflareTransport transport;

    internal ZonesApi(CloudflareTransport transport) => this.transport = transport;

    public async Task<CloudflarePage<CloudflareZone>> ListPageAsync(ZoneQuery? query = null, int page = 1, int perPage = 20, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perPage, MinPerPage);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(perPage, MaxPerPage);
        var path = "zones" + new QueryString()
            .Add("name", query?.Name).Add("status", query?.Status).Add("account.id", query?.AccountId).Add("account.name", query?.AccountName)
            .Add("page", page).Add("per_page", perPage);
        var response = await transport.SendAsync<List<CloudflareZone>>(HttpMethod.Get, path, null, false, cancellationToken).ConfigureAwait(false);
        return new CloudflarePage<CloudflareZone>(response!.Result ?? [], response.ResultInfo);
    }

    public IAsyncEnumerable<CloudflareZone> ListAllAsync(ZoneQuery? query = null, int perPage = MaxPerPage, CancellationToken cancellationToken = default) =>
        CloudflareTransport.PageAllAsync((page, ct) => ListPageAsync(query, page, perPage, ct), perPage, cancellationToken);

    /// <summary>The zone with exactly this name, or null.</summary>
    public async Task<CloudflareZone?> FindByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        var page = await ListPageAsync(new ZoneQuery(Name: name), 1, MinPerPage, cancellationToken).ConfigureAwait(false);
        return page.Items.FirstOrDefault(z => string.Equals(z.Name, name, StringComparison.OrdinalIgnoreCase));
    }
}
