using CfSync.Cloudflare.Models;

namespace CfSync.Cloudflare.Api;

/// <summary>Teamnet routes (private networks through tunnels) and the virtual networks they live in.</summary>
public sealed class TunnelRoutesApi
{
    private readonly CloudflareTransport transport;

    internal TunnelRoutesApi(CloudflareTransport transport) => this.transport = transport;

    public async Task<CloudflarePage<TunnelRoute>> ListPageAsync(string accountId, TunnelRouteQuery? query = null, int page = 1, int perPage = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perPage, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(perPage, 1000);
        var path = Routes(accountId) + new QueryString()
            .Add("tunnel_id", query?.TunnelId).Add("virtual_network_id", query?.VirtualNetworkId).Add("is_deleted", query?.IsDeleted)
            .Add("comment", query?.Comment).Add("network_subset", query?.NetworkSubset).Add("network_superset", query?.NetworkSuperset)
            .Add("route_id", query?.RouteId).Add("page", page).Add("per_page", perPage);
        var response = await transport.SendAsync<List<TunnelRoute>>(HttpMethod.Get, path, null, false, cancellationToken).ConfigureAwait(false);
        return new CloudflarePage<TunnelRoute>(response!.Result ?? [], response.ResultInfo);
    }

    public IAsyncEnumerable<TunnelRoute> ListAllAsync(string accountId, TunnelRouteQuery? query = null, int perPage = 100, CancellationToken cancellationToken = default) =>
        CloudflareTransport.PageAllAsync((page, ct) => ListPageAsync(accountId, query, page, perPage, ct), perPage, cancellationToken);

    public async Task<TunnelRoute> CreateAsync(string accountId, TunnelRouteRequest route, CancellationToken cancellationToken = default) =>
        (await transport.SendAsync<TunnelRoute>(HttpMethod.Post, Routes(accountId), JsonBody.From(route), false, cancellationToken).ConfigureAwait(false))!.Result;

    /// <summary>PATCH: only the fields set are changed.</summary>
    public async Task<TunnelRoute> UpdateAsync(string accountId, string routeId, TunnelRoutePatch patch, CancellationToken cancellationToken = default) =>
        (await transport.SendAsync<TunnelRoute>(HttpMethod.Patch, Route(accountId, routeId), JsonBody.From(patch), false, cancellationToken).ConfigureAwait(false))!.Result;

    public async Task<DeleteOutcome> DeleteAsync(string accountId, string routeId, CancellationToken cancellationToken = default) =>
        await transport.SendAsync<TunnelRoute>(HttpMethod.Delete, Route(accountId, routeId), null, true, cancellationToken).ConfigureAwait(false) is null
            ? DeleteOutcome.NotFound
            : DeleteOutcome.Deleted;

    /// <summary>Virtual networks (unpaginated).</summary>
    public async Task<IReadOnlyList<VirtualNetwork>> ListVirtualNetworksAsync(string accountId, VirtualNetworkQuery? query = null, CancellationToken cancellationToken = default)
    {
        var path = ApiPaths.Account(accountId) + "/teamnet/virtual_networks" + new QueryString()
            .Add("id", query?.Id).Add("name", query?.Name).Add("is_default", query?.IsDefault).Add("is_deleted", query?.IsDeleted);
        return (await transport.SendAsync<List<VirtualNetwork>>(HttpMethod.Get, path, null, false, cancellationToken).ConfigureAwait(false))!.Result ?? [];
    }

    private static string Routes(string accountId) => ApiPaths.Account(accountId) + "/teamnet/routes";

    private static string Route(string accountId, string routeId) => Routes(accountId) + "/" + ApiPaths.Segment(routeId);
}
