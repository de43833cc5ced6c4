using System.Collections.Concurrent;
using CfSync.Cloudflare.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CfSync.Cloudflare.Dns;

/// <summary>
/// The zones each account holds (one list call per page of 50), cached for <see cref="CloudflareDnsOptions.ZoneCacheTtl"/>
/// and shared by every DNS apply of the process. A name is in the zone with the longest matching suffix. A name no
/// cached zone holds reads the list again, but at most once per <see cref="MissRefreshInterval"/>, so a host without a
/// zone cannot spend the account's budget.
/// </summary>
internal sealed class ZoneDirectory(IOptions<CloudflareOptions> options, TimeProvider time, ILogger<ZoneDirectory> logger)
{
    public static readonly TimeSpan MissRefreshInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, AccountZones> accounts = new(StringComparer.Ordinal);

    /// <summary>The zone holding <paramref name="name"/>, or null when none of the account's zones does.</summary>
    public async Task<CloudflareZone?> FindAsync(CloudflareClient client, string? accountId, string name, CancellationToken cancellationToken)
    {
        var zones = await ZonesAsync(client, accountId, cancellationToken).ConfigureAwait(false);
        if (LongestSuffix(zones, name) is { } found)
        {
            return found;
        }

        var account = Account(accountId);
        await account.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (account.MissRefreshedAt is { } last && time.GetUtcNow() - last < MissRefreshInterval)
            {
                return LongestSuffix(account.Zones ?? [], name);
            }

            account.MissRefreshedAt = time.GetUtcNow();
            await RefreshAsync(client, accountId, account, cancellationToken).ConfigureAwait(false);
            return LongestSuffix(account.Zones ?? [], name);
        }
        finally
        {
            account.Gate.Release();
        }
    }

    /// <summary>The account's zones (all the token sees when <paramref name="accountId"/> is null), from the cache while it is fresh.</summary>
    public async Task<IReadOnlyList<CloudflareZone>> ZonesAsync(CloudflareClient client, string? accountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var account = Account(accountId);
        await account.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (account.Zones is null || time.GetUtcNow() - account.FetchedAt >= options.Value.Dns.ZoneCacheTtl)
            {
                await RefreshAsync(client, accountId, account, cancellationToken).ConfigureAwait(false);
            }

            return account.Zones!;
        }
        finally
        {
            account.Gate.Release();
        }
    }

    public static CloudflareZone? LongestSuffix(IEnumerable<CloudflareZone> zones, string name) =>
        zones.Where(z => DnsNames.IsInZone(name, z.Name)).MaxBy(z => z.Name.Length);

    private AccountZones Account(string? accountId) => accounts.GetOrAdd(accountId ?? string.Empty, _ => new AccountZones());

    private async Task RefreshAsync(CloudflareClient client, string? accountId, AccountZones account, CancellationToken cancellationToken)
    {
        var zones = new List<CloudflareZone>();
        await foreach (var zone in client.Zones.ListAllAsync(new ZoneQuery(AccountId: accountId), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            zones.Add(zone);
        }

        account.Zones = zones;
        account.FetchedAt = time.GetUtcNow();
        DnsLog.ZonesRead(logger, zones.Count);
    }

    private sealed class AccountZones
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public IReadOnlyList<CloudflareZone>? Zones { get; set; }

        public DateTimeOffset FetchedAt { get; set; }

        public DateTimeOffset? MissRefreshedAt { get; set; }
    }
}
