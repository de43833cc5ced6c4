using CfSync.Cloudflare.Emulator.Control;
using CfSync.Core.Dns;
using CfSync.Core.Hashing;
using CfSync.Core.Resources;
using CfSync.Sync.Activities;
using CfSync.Sync.Applying;
using CfSync.Sync.Orchestrations;

namespace CfSync.Cloudflare.Tests;

/// <summary>Explicit DNSRecord objects: create, update, a lost id, delete, ownership; against the emulator.</summary>
public sealed class DnsRecordApplierTests
{
    private const string Zone = EdgeHarness.ZoneId;
    private const string Owner = "DNSRecord/web/www";
    private const string Cname = "CNAME:www.example.com";

    [Fact]
    public async Task Create_update_and_delete_with_the_registry_entry_in_one_batch_each()
    {
        await using var edge = await EdgeHarness.StartAsync();
        await using var cfsync = new DnsInstallation(edge);
        var created = await ApplyAsync(cfsync, """{"type":"A","name":"www.example.com","content":"198.51.100.7","ttl":300,"comment":"web","tags":["team:web","env:prod"]}""", null);
        var record = (await cfsync.ZoneAsync()).Single(r => r.Type == "A");
        Assert.Equal($"{Zone}/{record.Id}", created.AppliedAs);
        Assert.Equal(("198.51.100.7", 300, "web"), (record.Content, record.Ttl, record.Comment));
        Assert.Contains((await cfsync.ZoneAsync()), r => r.Name == "a-www.example.com" && r.Content == $"heritage=cfsync,cfsync/owner=cfsync,cfsync/resource={Owner}");
        var writes = cfsync.WritesSince(0);
        Assert.EndsWith("/batch", Assert.Single(writes).Path, StringComparison.Ordinal);

        // Tags in another order and the same content: nothing to write.
        var before = cfsync.LastSequence;
        await ApplyAsync(cfsync, """{"type":"A","name":"www.example.com","content":"198.51.100.7","ttl":300,"comment":"web","tags":["env:prod","team:web"]}""", created.AppliedAs);
        Assert.Empty(cfsync.WritesSince(before));

        var updated = await ApplyAsync(cfsync, """{"type":"A","name":"www.example.com","content":"198.51.100.8","ttl":300}""", created.AppliedAs);
        Assert.Equal(created.AppliedAs, updated.AppliedAs);
        var changed = (await cfsync.ZoneAsync()).Single(r => r.Type == "A");
        Assert.Equal((record.Id, "198.51.100.8", (string?)null), (changed.Id, changed.Content, changed.Comment));

        var deleted = await ApplyAsync(cfsync, null, updated.AppliedAs);
        Assert.Null(deleted.AppliedAs);
        Assert.Empty(await cfsync.ZoneAsync());
    }

    [Fact]
    public async Task A_lost_id_finds_the_record_by_type_name_and_marker_instead_of_making_a_second()
    {
        await using var edge = await EdgeHarness.StartAsync();
        await using var cfsync = new DnsInstallation(edge);
        const string Body = """{"type":"CNAME","name":"www.example.com","content":"Origin.Example.org.","proxied":true}""";
        var created = await ApplyAsync(cfsync, Body, null, key: Cname);

        var before = cfsync.LastSequence;
        var found = await ApplyAsync(cfsync, Body, null, key: Cname);
        Assert.Equal(created.AppliedAs, found.AppliedAs);
        Assert.Empty(cfsync.WritesSince(before));

        var stale = await ApplyAsync(cfsync, """{"type":"CNAME","name":"www.example.com","content":"origin2.example.org","proxied":true}""", $"{Zone}/00000000000000000000000000000000", key: Cname);
        Assert.Equal(created.AppliedAs, stale.AppliedAs);
        Assert.Equal("origin2.example.org", (await cfsync.ZoneAsync()).Single(r => r.Type == "CNAME").Content);

        // Removal without the id: found by its natural key and our marker.
        var removed = await ApplyAsync(cfsync, null, null, key: Cname);
        Assert.Null(removed.AppliedAs);
        Assert.Empty(await cfsync.ZoneAsync());
    }

    [Fact]
    public async Task A_record_not_ours_is_a_conflict_until_adopted_and_is_never_deleted()
    {
        await using var edge = await EdgeHarness.StartAsync();
        var seeded = edge.Emulator.Seed(new EmulatorSeed { DnsRecords = [new SeedDnsRecord(Zone, "A", "www.example.com", "203.0.113.9")] });
        await using var cfsync = new DnsInstallation(edge);
        const string Body = """{"type":"A","name":"www.example.com","content":"198.51.100.7"}""";
        var refused = await ApplyAsync(cfsync, Body, null);
        Assert.Null(refused.AppliedAs);
        var conflict = Assert.Single(refused.Conflicts);
        Assert.Equal(Owner, conflict.SourceKey);
        Assert.Contains($"A www.example.com (id {seeded.DnsRecords[0]}) in zone example.com carries no ownership marker", conflict.Reason, StringComparison.Ordinal);

        var untouched = await ApplyAsync(cfsync, null, null);
        Assert.Null(untouched.AppliedAs);
        Assert.Equal("203.0.113.9", Assert.Single(await cfsync.ZoneAsync()).Content);

        var adopted = await ApplyAsync(cfsync, Body, null, adopt: true);
        Assert.Equal($"{Zone}/{seeded.DnsRecords[0]}", adopted.AppliedAs);
        Assert.Equal("198.51.100.7", (await cfsync.ZoneAsync()).Single(r => r.Type == "A").Content);
    }

    [Fact]
    public async Task An_explicit_record_takes_a_name_from_a_tunnel_hostname_and_the_tunnel_then_reports_it_held()
    {
        await using var edge = await EdgeHarness.StartAsync();
        await using var cfsync = new DnsInstallation(edge);
        var tunnel = await cfsync.ApplyTunnelAsync(EdgeHarness.TunnelId, null, new TunnelDnsRecord("www.example.com", true, "Ingress/web/www"));

        var explicitRecord = await ApplyAsync(cfsync, """{"type":"CNAME","name":"www.example.com","content":"cdn.example.org","proxied":true}""", null, key: Cname);
        Assert.Empty(explicitRecord.Conflicts);
        Assert.Equal("cdn.example.org", (await cfsync.ZoneAsync()).Single(r => r.Type == "CNAME").Content);

        var again = await cfsync.ApplyTunnelAsync(EdgeHarness.TunnelId, new ApplyContext(tunnel.AppliedAs), new TunnelDnsRecord("www.example.com", true, "Ingress/web/www"));
        Assert.Equal($"CNAME www.example.com in zone example.com is held by {Owner}", Assert.Single(again.Conflicts).Reason);
        Assert.Equal("cdn.example.org", (await cfsync.ZoneAsync()).Single(r => r.Type == "CNAME").Content);

        // The tunnel leaving does not delete what the DNSRecord holds.
        await cfsync.ApplyTunnelAsync(EdgeHarness.TunnelId, new ApplyContext(again.AppliedAs ?? tunnel.AppliedAs));
        Assert.Single(await cfsync.ZoneAsync(), r => r.Type == "CNAME");
    }

    [Fact]
    public async Task A_drift_check_of_an_explicit_record_reports_and_repairs_a_dashboard_edit()
    {
        await using var edge = await EdgeHarness.StartAsync();
        await using var cfsync = new DnsInstallation(edge);
        const string Mx = """{"type":"MX","name":"example.com","content":"Mail.Example.com.","priority":10,"ttl":3600}""";
        const string Key = "MX:example.com";
        var created = await ApplyAsync(cfsync, Mx, null, key: Key);
        Assert.Contains(await cfsync.ZoneAsync(), r => r.Name == "mx-_apex.example.com" && r.Type == "TXT");
        var before = cfsync.LastSequence;
        var clean = await ApplyAsync(cfsync, Mx, created.AppliedAs, key: Key, purpose: ApplyPurpose.DriftCheck);
        Assert.Null(clean.Drift);
        Assert.Empty(cfsync.WritesSince(before));

        var mx = (await cfsync.ZoneAsync()).Single(r => r.Type == "MX");
        await edge.Client.Dns.PatchAsync(Zone, mx.Id, new Models.DnsRecordPatch(Ttl: 600));
        before = cfsync.LastSequence;
        var reported = await ApplyAsync(cfsync, Mx, created.AppliedAs, key: Key, purpose: ApplyPurpose.DriftCheck, repair: false);
        Assert.Equal("MX example.com: ttl 600 -> 3600", reported.Drift);
        Assert.Empty(cfsync.WritesSince(before));
        var repaired = await ApplyAsync(cfsync, Mx, created.AppliedAs, key: Key, purpose: ApplyPurpose.DriftCheck);
        Assert.Equal(reported.Drift, repaired.Drift);
        Assert.Equal(3600, (await cfsync.ZoneAsync()).Single(r => r.Type == "MX").Ttl);
    }

    [Fact]
    public async Task A_data_valued_record_is_written_with_its_data_and_compared_by_it()
    {
        await using var edge = await EdgeHarness.StartAsync();
        await using var cfsync = new DnsInstallation(edge);
        const string Key = "SRV:_sip._tcp.example.com";
        const string Srv = """{"type":"SRV","name":"_sip._tcp.example.com","data":{"priority":10,"weight":5,"port":5060,"target":"sip.example.com"},"ttl":3600}""";
        var created = await ApplyAsync(cfsync, Srv, null, key: Key);
        var srv = (await cfsync.ZoneAsync()).Single(r => r.Type == "SRV");
        Assert.Equal($"{Zone}/{srv.Id}", created.AppliedAs);
        Assert.Equal(5060, srv.Data!["port"]!.GetValue<int>());
        Assert.Contains(await cfsync.ZoneAsync(), r => r.Name == "srv-_sip._tcp.example.com");

        var before = cfsync.LastSequence;
        await ApplyAsync(cfsync, Srv, created.AppliedAs, key: Key);
        Assert.Empty(cfsync.WritesSince(before));
        await ApplyAsync(cfsync, Srv.Replace("5060", "5061", StringComparison.Ordinal), created.AppliedAs, key: Key);
        Assert.Equal(5061, (await cfsync.ZoneAsync()).Single(r => r.Type == "SRV").Data!["port"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_body_that_is_not_a_record_and_a_missing_owner_fail_permanently()
    {
        await using var edge = await EdgeHarness.StartAsync();
        await using var cfsync = new DnsInstallation(edge);
        var notRecord = await cfsync.Records.ApplyAsync(Request("""{"name":"www.example.com"}""", null), CancellationToken.None);
        Assert.Equal((false, ApplyFailure.Permanent), (notRecord.Succeeded, notRecord.Failure));
        Assert.Contains("'type' is missing", notRecord.Error, StringComparison.Ordinal);
        var noOwner = await cfsync.Records.ApplyAsync(
            Request("""{"type":"A","name":"www.example.com","content":"198.51.100.7"}""", null) with { Context = ApplyContext.None },
            CancellationToken.None);
        Assert.Equal(ApplyFailure.Permanent, noOwner.Failure);
        Assert.Empty(edge.Journal);
    }

    private static ApplyRequest Request(string? body, string? appliedAs, bool adopt = false, string key = "A:www.example.com", ApplyPurpose purpose = ApplyPurpose.Change, bool repair = true) =>
        new(new ResourceIdentity(ResourceType.DNSRecord, key), new ResourceScope(EdgeHarness.Account), body is null ? null : new DesiredBody(body), null)
        {
            Context = new ApplyContext(appliedAs, Owner, adopt, purpose, repair),
        };

    private static async Task<ApplyResult> ApplyAsync(
        DnsInstallation cfsync, string? body, string? appliedAs, bool adopt = false, string key = "A:www.example.com", ApplyPurpose purpose = ApplyPurpose.Change, bool repair = true)
    {
        var result = await cfsync.Records.ApplyAsync(Request(body, appliedAs, adopt, key, purpose, repair), CancellationToken.None);
        Assert.True(result.Succeeded, result.Error);
        return result;
    }
}
