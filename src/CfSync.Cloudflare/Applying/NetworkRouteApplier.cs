using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Cloudflare.Models;
using CfSync.Cloudflare.Ownership;
using CfSync.Core.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CfSync.Cloudflare.Applying;

/// <summary>
/// Private network routes, found by CIDR within their virtual network: a route of the same CIDR in another virtual
/// network is another object and never touched. The virtual network is the body's <c>virtual_network_id</c> (from the
/// VirtualNetwork object's status), else the one the resource key names (<c>cidr@name</c>) resolved by name, else the
/// account's default. The ownership marker follows the user's text in <c>comment</c>; updates are PATCH.
/// </summary>
internal sealed class NetworkRouteApplier(CloudflareClient client, IOptions<CloudflareOptions> options, ILogger<NetworkRouteApplier> logger)
    : OneToOneApplier<NetworkRouteApplier.RouteKey>(options, logger)
{
    private static readonly NormalForm Form = new(
        ["network", "tunnel_id", "comment", "virtual_network_id"],
        new HashSet<string>(StringComparer.Ordinal),
        new HashSet<string>(StringComparer.Ordinal),
        new HashSet<string>(StringComparer.Ordinal));

    private const string MarkerField = "comment";

    public override ResourceType ResourceType => ResourceType.NetworkRoute;

    protected override string Noun => "network route";

    protected override NormalForm NormalForm => Form;

    protected override async Task<Target> TargetAsync(string accountId, ResourceIdentity resource, JsonObject? desired, CancellationToken cancellationToken)
    {
        var separator = resource.CloudflareId.IndexOf('@', StringComparison.Ordinal);
        var network = desired?["network"]?.GetValue<string>() ?? (separator < 0 ? resource.CloudflareId : resource.CloudflareId[..separator]);
        var vnetName = separator < 0 ? null : resource.CloudflareId[(separator + 1)..];
        var vnetId = desired?["virtual_network_id"]?.GetValue<string>();
        if (vnetId is null)
        {
            var found = await client.Routes.ListVirtualNetworksAsync(
                accountId,
                vnetName is null ? new VirtualNetworkQuery(IsDefault: true, IsDeleted: false) : new VirtualNetworkQuery(Name: vnetName, IsDeleted: false),
                cancellationToken).ConfigureAwait(false);
            vnetId = found.FirstOrDefault(v => vnetName is null ? v.IsDefaultNetwork : v.Name == vnetName)?.Id;
            if (vnetId is null && vnetName is not null)
            {
                // Gone or never made: nothing of ours can be in it, and nothing can be created there.
                return desired is null ? new Target(null, null) : Target.Failed($"virtual network '{vnetName}' does not exist in the account");
            }
        }

        JsonObject? body = null;
        if (desired is not null)
        {
            body = desired.DeepClone().AsObject();
            if (vnetId is not null)
            {
                body["virtual_network_id"] = vnetId;
            }
        }

        // No default virtual network yet: no route can be in it, and Cloudflare puts a new one there.
        return new Target(body, vnetId is null ? null : new RouteKey(network, vnetId));
    }

    protected override async Task<JsonObject?> GetAsync(string accountId, string id, CancellationToken cancellationToken)
    {
        var page = await client.Routes.ListPageAsync(accountId, new TunnelRouteQuery(RouteId: id, IsDeleted: false), cancellationToken: cancellationToken).ConfigureAwait(false);
        return page.Items.Where(r => r.Id == id && r.DeletedAt is null).Select(Json).FirstOrDefault();
    }

    protected override async Task<IReadOnlyList<JsonObject>> FindAsync(string accountId, RouteKey key, CancellationToken cancellationToken)
    {
        var found = new List<JsonObject>();
        await foreach (var route in client.Routes.ListAllAsync(accountId, new TunnelRouteQuery(VirtualNetworkId: key.VirtualNetworkId, IsDeleted: false), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (route.Network == key.Network && route.VirtualNetworkId == key.VirtualNetworkId && route.DeletedAt is null)
            {
                found.Add(Json(route));
            }
        }

        return found;
    }

    protected override async Task<string> CreateAsync(string accountId, JsonObject body, CancellationToken cancellationToken) =>
        (await client.Routes.CreateAsync(accountId, body.Deserialize<TunnelRouteRequest>(CloudflareJson.Options)!, cancellationToken).ConfigureAwait(false)).Id;

    protected override Task UpdateAsync(string accountId, string id, JsonObject body, CancellationToken cancellationToken) =>
        client.Routes.UpdateAsync(accountId, id, body.Deserialize<TunnelRoutePatch>(CloudflareJson.Options)!, cancellationToken);

    protected override Task<DeleteOutcome> DeleteAsync(string accountId, string id, CancellationToken cancellationToken) =>
        client.Routes.DeleteAsync(accountId, id, cancellationToken);

    protected override JsonObject Mark(JsonObject body, string ownerId, string resource) =>
        MarkedText.Mark(body, MarkerField, new OwnershipMarker(ownerId, resource));

    protected override string? OwnerOf(JsonObject current) => MarkedText.OwnerOf(current, MarkerField);

    protected override string Describe(JsonObject current) =>
        current["virtual_network_id"] is { } vnet ? $"{current["network"]} in virtual network {vnet}" : $"{current["network"]}";

    private static JsonObject Json(TunnelRoute route) => JsonSerializer.SerializeToNode(route, CloudflareJson.Options)!.AsObject();

    /// <summary>A route's natural key: its CIDR and the id of its virtual network.</summary>
    internal sealed record RouteKey(string Network, string VirtualNetworkId);
}
