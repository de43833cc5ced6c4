using System.Text.Json;
using CfSync.Cloudflare.Emulator.Control;
using CfSync.Cloudflare.Models;
using CfSync.Cloudflare.Ownership;
using CfSync.Core.Dns;
using CfSync.Core.Hashing;
using CfSync.Core.Resources;
using CfSync.Sync.Activities;
using CfSync.Sync.Applying;
using CfSync.Sync.Orchestrations;

namespace CfSync.Cloudflare.Tests;

/// <summary>
/// One CfSync installation's DNS appliers (an <see cref="ApplierRig"/>) with the DNS shorthands the tests use; two of
/// them on one emulator are two clusters sharing a zone.
/// </summary>
internal sealed class DnsInstallation : IAsyncDisposable
{
    public const string OtherZoneId = "9a7806061c88ada191ed06f989cc3dac";
    public const string OtherZoneName = "example.net";

    private readonly ApplierRig rig;

    public DnsInstallation(EdgeHarness edge, Action<CloudflareOptions>? configure = null)
    {
        Edge = edge;
        rig = new ApplierRig(edge, configure);
    }

    public EdgeHarness Edge { get; }

    public IResourceApplier Tunnel => rig.Applier(ResourceType.TunnelDnsRecords);

    public IResourceApplier Records => rig.Applier(ResourceType.DNSRecord);

    public static ApplyRequest TunnelRequest(string tunnelId, ApplyContext? context, params TunnelDnsRecord[] records) =>
        new(new ResourceIdentity(ResourceType.TunnelDnsRecords, tunnelId), new ResourceScope(EdgeHarness.Account), Body(records), null)
        {
            Context = context ?? ApplyContext.None,
        };

    public static DesiredBody? Body(params TunnelDnsRecord[] records) => records.Length == 0
        ? null
        : new DesiredBody(JsonSerializer.Serialize(new TunnelDnsRecordSet([.. records.OrderBy(r => r.Name, StringComparer.Ordinal)]), CoreJson.Options));

    public async Task<ApplyResult> ApplyTunnelAsync(string tunnelId, ApplyContext? context, params TunnelDnsRecord[] records)
    {
        var result = await Tunnel.ApplyAsync(TunnelRequest(tunnelId, context, records), CancellationToken.None);
        Assert.True(result.Succeeded, result.Error);
        return result;
    }

    public async Task<IReadOnlyList<DnsRecord>> ZoneAsync(string zoneId = EdgeHarness.ZoneId)
    {
        var records = new List<DnsRecord>();
        await foreach (var record in Edge.Client.Dns.ListAllAsync(zoneId))
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>Journal entries since <paramref name="after"/> that changed something (not GETs).</summary>
    public IReadOnlyList<JournalEntry> WritesSince(long after) =>
        [.. Edge.Journal.Where(e => e.Sequence > after && e.Method != "GET")];

    public long LastSequence => Edge.Journal.Count == 0 ? 0 : Edge.Journal[^1].Sequence;

    public ValueTask DisposeAsync() => rig.DisposeAsync();
}

/// <summary>Shorthands for the ownership settings the tests vary.</summary>
internal static class Installations
{
    public static Action<CloudflareOptions> Owner(string ownerId, DnsRegistryKind registry = DnsRegistryKind.Txt, string? key = null) => o =>
    {
        o.Ownership.OwnerId = ownerId;
        o.Ownership.DnsRegistry = registry;
        o.Ownership.TxtEncryptionKey = key;
    };
}
