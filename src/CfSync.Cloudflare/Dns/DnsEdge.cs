using CfSync.Cloudflare.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CfSync.Cloudflare.Dns;

/// <summary>What both DNS appliers work with: the client, the zone directory, the registry and the settings.</summary>
internal sealed class DnsEdge(CloudflareClient client, ZoneDirectory zones, IDnsRegistry registry, IOptions<CloudflareOptions> options, ILogger<DnsEdge> logger)
{
    public CloudflareClient Client => client;

    public IDnsRegistry Registry => registry;

    public CloudflareOptions Settings => options.Value;

    public ZonePlanner Planner() => new(registry, Settings.Ownership.OwnerId, Settings.Ownership.CommentLimit);

    public ZoneSync Sync() => new(new ZoneBatchWriter(client, Settings.Dns.BatchSize, logger), logger);

    public Task<CloudflareZone?> FindZoneAsync(string? accountId, string name, CancellationToken cancellationToken) =>
        zones.FindAsync(client, accountId, name, cancellationToken);

    public Task<IReadOnlyList<CloudflareZone>> ZonesAsync(string? accountId, CancellationToken cancellationToken) =>
        zones.ZonesAsync(client, accountId, cancellationToken);
}
