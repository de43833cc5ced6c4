using System.Text.Json;
using CfSync.Cloudflare.Applying;
using CfSync.Cloudflare.Models;
using CfSync.Cloudflare.Ownership;
using CfSync.Core.Dns;
using CfSync.Core.Hashing;
using CfSync.Core.Resources;
using CfSync.Sync.Activities;
using CfSync.Sync.Applying;
using CfSync.Sync.Orchestrations;

namespace CfSync.Cloudflare.Dns;

/// <summary>
/// A tunnel's hostnames as proxied CNAMEs <c>host -> {tunnel id}.cfargotunnel.com</c>, each in the zone of the account
/// with the longest matching suffix, with their ownership registry entries. Reads each zone it touches once (the zones of
/// the wanted hosts and those it held records in before), writes only what differs, in one batch per zone, and deletes
/// the records of ours that point at this tunnel and are no longer wanted. A record another tunnel or an explicit
/// DNSRecord holds stays with its holder (a conflict here); one that is not ours is never written without adopt.
/// </summary>
internal sealed class TunnelDnsRecordsApplier(DnsEdge dns) : IResourceApplier
{
    public ResourceType ResourceType => ResourceType.TunnelDnsRecords;

    public async Task<ApplyResult> ApplyAsync(ApplyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tunnelId = request.Resource.CloudflareId;
        if (request.Scope.AccountId is not { } accountId)
        {
            return ApplyFailures.Permanent(
                $"the account of tunnel {tunnelId} is unknown, so its DNS records cannot be placed: set spec.cloudflare.accountId on its Tunnel or ClusterTunnel");
        }

        IReadOnlyList<TunnelDnsRecord> wanted;
        try
        {
            wanted = request.Desired is { } desired ? JsonSerializer.Deserialize<TunnelDnsRecordSet>(desired.Json, CoreJson.Options)!.Records : [];
        }
        catch (JsonException invalid)
        {
            return ApplyFailures.Permanent($"the DNS record set of tunnel {tunnelId} is not valid: {invalid.Message}");
        }

        try
        {
            return await ApplyAsync(request, accountId, tunnelId, wanted, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudflareApiException failure)
        {
            return ApplyFailures.From(failure);
        }
    }

    /// <summary>An explicit DNSRecord's holding is never taken by a tunnel hostname (explicit beats derived).</summary>
    internal static bool IsExplicit(string? resource) => resource?.StartsWith("DNSRecord/", StringComparison.Ordinal) == true;

    private async Task<ApplyResult> ApplyAsync(ApplyRequest request, string accountId, string tunnelId, IReadOnlyList<TunnelDnsRecord> wanted, CancellationToken cancellationToken)
    {
        var settings = dns.Settings;
        var limit = settings.Ownership.CommentLimit;
        var target = TunnelDnsRecordSet.TargetOf(tunnelId);
        var conflicts = new List<SourceConflict>();
        var byZone = new Dictionary<string, List<ManagedRecord>>(StringComparer.Ordinal);
        var touched = new SortedDictionary<string, CloudflareZone>(StringComparer.Ordinal);
        foreach (var record in wanted)
        {
            if (await dns.FindZoneAsync(accountId, record.Name, cancellationToken).ConfigureAwait(false) is not { } zone)
            {
                conflicts.Add(new SourceConflict(record.Source, DnsApplyResults.NoZone(record.Name, await dns.ZonesAsync(accountId, cancellationToken).ConfigureAwait(false))));
                continue;
            }

            touched[zone.Id] = zone;
            var form = DnsRecordForm.Of("CNAME", record.Name, target, 1, record.Proxied, null, null, limit);
            (byZone.TryGetValue(zone.Id, out var list) ? list : byZone[zone.Id] = []).Add(new ManagedRecord(form, record.Source, record.Adopt));
        }

        // Zones held before but gone from the account took their records with them.
        var previous = (request.Context.AppliedAs ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var zone in (await dns.ZonesAsync(accountId, cancellationToken).ConfigureAwait(false)).Where(z => previous.Contains(z.Id, StringComparer.Ordinal)))
        {
            touched.TryAdd(zone.Id, zone);
        }

        var planner = dns.Planner();
        var sync = dns.Sync();
        var holding = new SortedSet<string>(StringComparer.Ordinal);
        var drift = new List<string?>();
        foreach (var zone in touched.Values)
        {
            var records = await ZoneRecords.ReadAsync(dns.Client, zone, cancellationToken).ConfigureAwait(false);
            var managed = byZone.TryGetValue(zone.Id, out var list) ? list : [];
            var wantedNames = managed.Select(m => m.Desired.Name).ToHashSet(StringComparer.Ordinal);
            var stale = Stale(records, target, wantedNames, settings.Ownership.OwnerId, request.Resource.ToString()).ToList();
            var plan = planner.Plan(records, managed, stale, (want, held, present) => MayTakeOver(held, present, target));
            var result = await sync.RunAsync(records, plan, request.Context, cancellationToken).ConfigureAwait(false);
            conflicts.AddRange(result.Conflicts);
            drift.Add(result.Drift);
            var repaired = request.Context.Purpose == ApplyPurpose.Change || request.Context.RepairDrift;
            var staleLeft = repaired ? stale.Any(s => result.FailedUnits.Contains($"CNAME {DnsNames.Normalize(s.Record.Name)}")) : stale.Count > 0;
            if (result.Granted.Count > 0 || staleLeft)
            {
                holding.Add(zone.Id);
            }
        }

        return DnsApplyResults.Succeeded(holding.Count == 0 ? null : string.Join(",", holding), conflicts, drift);
    }

    /// <summary>Our CNAMEs to this tunnel that no wanted host names, unless an explicit DNSRecord holds them.</summary>
    private IEnumerable<(DnsRecord Record, string Source)> Stale(ZoneRecords zone, string target, HashSet<string> wantedNames, string ownerId, string resource)
    {
        foreach (var record in zone.Records.Where(r => r.Type == "CNAME" && DnsNames.Normalize(r.Content ?? string.Empty) == target))
        {
            var name = DnsNames.Normalize(record.Name);
            if (wantedNames.Contains(name))
            {
                continue;
            }

            var marker = dns.Registry.OwnerOf(zone, "CNAME", name);
            if (marker?.Owner == ownerId && !IsExplicit(marker.Resource))
            {
                yield return (record, marker.Resource ?? resource);
            }
        }
    }

    /// <summary>
    /// A record of ours another source holds moves to the wanted source only when it already points at this tunnel (the
    /// tunnel's aggregate picked a new winner) or nothing of that name is left; never from an explicit DNSRecord.
    /// </summary>
    private static bool MayTakeOver(OwnershipMarker held, IReadOnlyList<DnsRecord> present, string target) =>
        !IsExplicit(held.Resource)
        && present.All(r => r.Type == "CNAME" && DnsNames.Normalize(r.Content ?? string.Empty) == target);
}
