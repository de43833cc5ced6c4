using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Cloudflare.Applying;
using CfSync.Cloudflare.Models;
using CfSync.Cloudflare.Ownership;
using CfSync.Core.Resources;
using CfSync.Sync.Activities;
using CfSync.Sync.Applying;
using CfSync.Sync.Orchestrations;

namespace CfSync.Cloudflare.Dns;

/// <summary>
/// An explicit DNSRecord: the record body the translator wrote (type, name, content, ttl, proxied, comment, tags,
/// priority, data), in the zone of <c>Scope.ZoneId</c> or the longest matching suffix, owned by <c>Context.Owner</c>.
/// Created with its registry entry in one batch call; applied as <c>{zone id}/{record id}</c>. A lost id is found again
/// by type, name and our marker. An explicit record may take a record of ours over from a tunnel hostname (explicit
/// beats derived); the tunnel then reports the name as held by the DNSRecord.
/// </summary>
internal sealed class DnsRecordApplier(DnsEdge dns) : IResourceApplier
{
    public ResourceType ResourceType => ResourceType.DNSRecord;

    public async Task<ApplyResult> ApplyAsync(ApplyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limit = dns.Settings.Ownership.CommentLimit;
        DnsRecordForm? desired = null;
        if (request.Desired is { } body)
        {
            try
            {
                desired = FormOf(JsonNode.Parse(body.Json) as JsonObject
                    ?? throw new JsonException("the body is not a JSON object"), limit);
            }
            catch (Exception invalid) when (invalid is JsonException or InvalidOperationException or FormatException)
            {
                return ApplyFailures.Permanent($"the body of DNS record {request.Resource.CloudflareId} is not a DNS record: {invalid.Message}");
            }

            if (request.Context.Owner is null)
            {
                return ApplyFailures.Permanent($"the owner source of DNS record {request.Resource.CloudflareId} is unknown, so it cannot be marked as ours");
            }
        }

        try
        {
            return await ApplyAsync(request, desired, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudflareApiException failure)
        {
            return ApplyFailures.From(failure);
        }
    }

    private static DnsRecordForm FormOf(JsonObject body, int limit)
    {
        var type = body["type"]?.GetValue<string>() ?? throw new JsonException("'type' is missing");
        var name = body["name"]?.GetValue<string>() ?? throw new JsonException("'name' is missing");
        return DnsRecordForm.Of(
            type,
            name,
            body["content"]?.GetValue<string>(),
            body["ttl"]?.GetValue<int>(),
            body["proxied"]?.GetValue<bool>(),
            body["comment"]?.GetValue<string>(),
            body["tags"]?.AsArray().Select(t => t!.GetValue<string>()),
            limit,
            body["priority"]?.GetValue<int>(),
            body["data"]?.DeepClone().AsObject());
    }

    private async Task<ApplyResult> ApplyAsync(ApplyRequest request, DnsRecordForm? desired, CancellationToken cancellationToken)
    {
        var settings = dns.Settings;
        var (appliedZone, appliedId) = ParseAppliedAs(request.Context.AppliedAs);
        var (type, name) = desired is null ? ParseNaturalKey(request.Resource.CloudflareId) : (desired.Type, desired.Name);
        var accountId = request.Scope.AccountId;
        var zoneId = request.Scope.ZoneId ?? appliedZone;
        var zone = zoneId is not null
            ? (await dns.ZonesAsync(accountId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(z => z.Id == zoneId)
            : await dns.FindZoneAsync(accountId, name, cancellationToken).ConfigureAwait(false);
        if (zone is null)
        {
            if (desired is null)
            {
                return DnsApplyResults.Succeeded(null, [], []);
            }

            var reason = zoneId is not null
                ? $"zone {zoneId} is not among the zones the token can read"
                : DnsApplyResults.NoZone(name, await dns.ZonesAsync(accountId, cancellationToken).ConfigureAwait(false));
            return DnsApplyResults.Succeeded(null, [new SourceConflict(request.Context.Owner!, reason)], []);
        }

        var records = await ZoneRecords.ReadNamesAsync(dns.Client, zone, dns.Registry.NamesToRead(zone.Name, type, name), cancellationToken).ConfigureAwait(false);
        var planner = dns.Planner();
        var sync = dns.Sync();
        if (desired is null)
        {
            var stale = Ours(records, type, name, request.Context.Owner, settings.Ownership.OwnerId).ToList();
            var removal = await sync.RunAsync(records, planner.Plan(records, [], stale, (_, _, _) => false), request.Context, cancellationToken).ConfigureAwait(false);
            var left = removal.FailedUnits.Count > 0 || (request.Context.Purpose == ApplyPurpose.DriftCheck && !request.Context.RepairDrift && stale.Count > 0);
            return DnsApplyResults.Succeeded(left ? request.Context.AppliedAs : null, removal.Conflicts, [removal.Drift]);
        }

        var wanted = new ManagedRecord(desired, request.Context.Owner!, request.Context.Adopt, appliedId);
        var plan = planner.Plan(records, [wanted], [], (_, held, _) => !TunnelDnsRecordsApplier.IsExplicit(held.Resource));
        var result = await sync.RunAsync(records, plan, request.Context, cancellationToken).ConfigureAwait(false);
        var id = result.Granted.Contains(desired.Key) ? RecordId(records, result, desired, appliedId) : null;
        return DnsApplyResults.Succeeded(id is null ? null : $"{zone.Id}/{id}", result.Conflicts, [result.Drift]);
    }

    /// <summary>The managed record's id: what the write returned, else the record already there.</summary>
    private static string? RecordId(ZoneRecords zone, ZoneSyncResult result, DnsRecordForm desired, string? appliedId)
    {
        var written = result.Written
            .Where(w => w.Key.Kind != DnsChangeKind.Delete && w.Key.Form!.Key == desired.Key)
            .Select(w => w.Value?.Id ?? w.Key.RecordId)
            .FirstOrDefault(id => id is not null);
        return written ?? zone.Named(desired.Name).Where(r => r.Type == desired.Type).OrderByDescending(r => r.Id == appliedId).FirstOrDefault()?.Id;
    }

    /// <summary>The records of this type and name that carry our marker for the owner (any DNSRecord when it is unknown).</summary>
    private IEnumerable<(DnsRecord Record, string Source)> Ours(ZoneRecords zone, string type, string name, string? owner, string ownerId)
    {
        var marker = dns.Registry.OwnerOf(zone, type, name);
        var ours = marker?.Owner == ownerId
            && (owner is null ? marker.Resource is null || TunnelDnsRecordsApplier.IsExplicit(marker.Resource) : marker.Resource == owner || marker.Resource is null);
        return ours ? zone.Named(name).Where(r => r.Type == type).Select(r => (r, owner ?? marker!.Resource ?? $"DNSRecord {type} {name}")) : [];
    }

    private static (string? Zone, string? Id) ParseAppliedAs(string? appliedAs)
    {
        var slash = appliedAs?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        return slash > 0 ? (appliedAs![..slash], appliedAs[(slash + 1)..]) : (null, null);
    }

    private static (string Type, string Name) ParseNaturalKey(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        // Not a TYPE:name key: no type, so no record of ours can match it.
        return colon > 0 ? (key[..colon].ToUpperInvariant(), DnsNames.Normalize(key[(colon + 1)..])) : (string.Empty, DnsNames.Normalize(key));
    }
}
