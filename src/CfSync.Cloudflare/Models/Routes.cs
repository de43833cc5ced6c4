namespace CfSync.Cloudflare.Models;

/// <summary>A teamnet route (private network CIDR through a tunnel) as listed.</summary>
public sealed record TunnelRoute(
    string Id,
    string Network,
    string TunnelId,
    string? Comment,
    string? VirtualNetworkId,
    string? TunnelName,
    string? VirtualNetworkName,
    string? TunType,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? DeletedAt);

public sealed record TunnelRouteRequest(string Network, string TunnelId, string? Comment = null, string? VirtualNetworkId = null);

public sealed record TunnelRoutePatch(string? Network = null, string? TunnelId = null, string? Comment = null, string? VirtualNetworkId = null);

public sealed record TunnelRouteQuery(
    string? TunnelId = null,
    string? VirtualNetworkId = null,
    bool? IsDeleted = null,
    string? Comment = null,
    string? NetworkSubset = null,
    string? NetworkSuperset = null,
    string? RouteId = null);

public sealed record VirtualNetwork(string Id, string Name, bool IsDefaultNetwork, string? Comment, DateTimeOffset? CreatedAt, DateTimeOffset? DeletedAt);

public sealed record VirtualNetworkQuery(string? Id = null, string? Name = null, bool? IsDefault = null, bool? IsDeleted = null);
