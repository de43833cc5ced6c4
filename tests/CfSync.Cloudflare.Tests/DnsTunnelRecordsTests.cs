using CfSync.Cloudflare.Emulator.Control;
using CfSync.Cloudflare.Ownership;
using CfSync.Core.Dns;
using CfSync.Sync.Applying;

namespace CfSync.Cloudflare.Tests;

/// <summary>A tunnel's hostnames as CNAMEs with their ownership registry, against the emulator (contract checked on dispose).</summary>
public sealed class DnsTunnelRecordsTests
{
    private const string Tunnel = EdgeHarness.TunnelId;
    private const string OtherTunnel = "0b3e7e36-0c8a-4a3b-9d0e-5c1c6f1f2a3b";
    private const string Zone = EdgeHarness.ZoneId;
    private static readonly string Target = TunnelDnsRecordSet.TargetOf(Tunnel);

    [Fact]
    public async Task Hostnames_become_proxied_cnames_with_txt_registry_and_a_second_apply_writes_nothing()
    {
        await using var edge = await EdgeHarness.StartAsync();
        await using var cfsync = new DnsInstallation(edge);
        var first = await cfsync.ApplyTunnelAsync(Tunnel, null, Host("app.example.com"), Host("*.example.com"), Host("example.com"));
        Assert.Equal(Zone, first.AppliedAs);
        Assert.Empty(first.Conflicts);

        var zone = await cfsync.ZoneAsync();
        var cnames = zone.Where(r => r.Type == "CNAME").OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(["*.example.com", "app.example.com", "example.com"], cnames.Select(r => r.Name));
        Assert.All(cnames, r => Assert.Equal((Target, true, 1), (r.Content, r.Proxied == true, r.Ttl)));
        var txt = zone.Where(r => r.Type == "TXT").ToDictionary(r => r.Name, r => r.Content);
        Assert.Equal(["cname-_apex.example.com", "cname-_wildcard.example.com", "cname-app.example.com"], txt.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("heritage=cfsync,cfsync/owner=cfsync,cfsync/resource=Ingress/shop/app.example.com", txt["cname-app.example.com"]);
        Assert.Single(edge.Journal, e => e.Path.EndsWith("/batch", StringComparison.Ordinal));

        var before = cfsync.LastSequence;
        var second = await cfsync.ApplyTunnelAsync(Tunnel, new ApplyContext(first.AppliedAs), Host("app.example.com"), Host("*.example.com"), Host("example.com"));
        Assert.Equal(Zone, second.AppliedAs);
        Assert.Empty(cfsync.WritesSince(before));

        // One list call for the zone's records; the zone list itself comes from the directory's cache.
        var reads = edge.Journal.Where(e => e.Sequence > before).ToList();
        Assert.Equal("GET", Assert.Single(reads).Method);
        Assert.EndsWith("/dns_records", reads[0].Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_installations_on_one_zone_never_touch_each_others_records()
    {
        await using var edge = await EdgeHarness.StartAsync();
        await using var blue = new DnsInstallation(edge, Installations.Owner("blue"));
        await using var green = new DnsInstallation(edge, Installations.Owner("green"));
        var blueApplied = await blue.ApplyTunnelAsync(Tunnel, null, Host("blue.example.com"), Host("shared.example.com"));
        var greenApplied = await green.ApplyTunnelAsync(OtherTunnel, null, Host("green.example.com"), Host("shared.example.com"));

        var conflict = Assert.Single(greenApplied.Conflicts);
        Assert.Equal("Ingress/shop/shared.example.com", conflict.SourceKey);
        Assert.Contains("belongs to installation 'blue'", conflict.Reason, StringComparison.Ordinal);
        Assert.Contains("CNAME shared.example.com (id ", conflict.Reason, StringComparison.Ordinal);

        // Green leaves entirely: only green's own records go; blue's stay as they were.
        var blueRecords = (await blue.ZoneAsync()).Where(r => r.Name.Contains("blue", StringComparison.Ordinal) || r.Name.Contains("shared", StringComparison.Ordinal)).ToList();
        await green.ApplyTunnelAsync(OtherTunnel, new ApplyContext(greenApplied.AppliedAs));
        var after = await blue.ZoneAsync();
        Assert.DoesNotContain(after, r => r.Name.Contains("green", StringComparison.Ordinal));
        Assert.Equal(blueRecords.Select(r => (r.Id, r.Content)).Order(), after.Select(r => (r.Id, r.Content)).Order());

        // Blue's second apply still writes nothing.
        var before = blue.LastSequence;
        await blue.ApplyTunnelAsync(Tunnel, new ApplyContext(blueApplied.AppliedAs), Host("blue.example.com"), Host("shared.example.com"));
        Assert.Empty(blue.WritesSince(before));
    }

    [Fact]
    public async Task A_dashboard_record_is_a_conflict_naming_it_until_the_source_adopts_it()
    {
        await using var edge = await EdgeHarness.StartAsync();
        var seeded = edge.Emulator.Seed(new EmulatorSeed { DnsRecords = [new SeedDnsRecord(Zone, "A", "app.example.com", "198.51.100.4")] });
        await using var cfsync = new DnsInstallation(edge);

        var refused = await cfsync.ApplyTunnelAsync(Tunnel, null, Host("app.example.com"), Host("api.example.com"));
        var conflict = Assert.Single(refused.Conflicts);
        Assert.Equal("Ingress/shop/app.example.com", conflict.SourceKey);
        Assert.Contains($"A app.example.com (id {seeded.DnsRecords[0]}) in zone example.com carries no ownership marker", conflict.Reason, StringComparison.Ordinal);
        Assert.Contains("networking.cloudflare-operator.io/adopt: \"true\" on Ingress/shop/app.example.com", conflict.Reason, StringComparison.Ordinal);
        var zone = await cfsync.ZoneAsync();
        Assert.Equal("198.51.100.4", zone.Single(r => r.Name == "app.example.com").Content);
        Assert.Contains(zone, r => r.Name == "api.example.com" && r.Type == "CNAME");

        var adopted = await cfsync.ApplyTunnelAsync(Tunnel, new ApplyContext(refused.AppliedAs), Host("app.example.com", adopt: true), Host("api.example.com"));
        Assert.Empty(adopted.Conflicts);
        zone = await cfsync.ZoneAsync();
        var app = zone.Single(r => r.Name == "app.example.com");
        Assert.Equal(("CNAME", Target), (app.Type, app.Content));
        Assert.Contains(zone, r => r.Name == "cname-app.example.com" && r.Content!.Contains("cfsync/resource=Ingress/shop/app.example.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_removed_hostname_loses_its_record_and_registry_entry_and_desired_null_removes_only_ours()
    {
        await using var edge = await EdgeHarness.StartAsync();
        edge.Emulator.Seed(new EmulatorSeed { DnsRecords = [new SeedDnsRecord(Zone, "CNAME", "dashboard.example.com", Target, Proxied: true)] });
        await using var cfsync = new DnsInstallation(edge);
        var applied = await cfsync.ApplyTunnelAsync(Tunnel, null, Host("a.example.com"), Host("b.example.com"));

        var shrunk = await cfsync.ApplyTunnelAsync(Tunnel, new ApplyContext(applied.AppliedAs), Host("a.example.com"));
        Assert.Equal(Zone, shrunk.AppliedAs);
        var names = (await cfsync.ZoneAsync()).Select(r => r.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["a.example.com", "cname-a.example.com", "dashboard.example.com"], names);

        var removed = await cfsync.ApplyTunnelAsync(Tunnel, new ApplyContext(shrunk.AppliedAs));
        Assert.Null(removed.AppliedAs);
        var left = Assert.Single(await cfsync.ZoneAsync());
        Assert.Equal("dashboard.example.com", left.Name);
    }

    [Fact]
    public async Task A_host_without_zone_is_a_conflict_for_its_source_and_the_rest_is_applied_in_the_longest_suffix_zone()
    {
        await using var edge = await EdgeHarness.StartAsync();
        edge.Emulator.Seed(new EmulatorSeed
        {
            Zones = [new SeedZone(DnsInstallation.OtherZoneId, "dev.example.com", EdgeHarness.Account), new SeedZone("5f2ab6e3ad1b4c0fb8ce0d2e3f4a5b6c", "elsewhere.org", "another-account-id")],
        });
        await using var cfsync = new DnsInstallation(edge);
        var result = await cfsync.ApplyTunnelAsync(Tunnel, null, Host("app.dev.example.com"), Host("www.example.com"), Host("shop.badexample.com"));

        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal("Ingress/shop/shop.badexample.com", conflict.SourceKey);
        Assert.Contains("no zone of the account holds shop.badexample.com (its zones: dev.example.com, example.com)", conflict.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(EdgeHarness.Account, conflict.Reason, StringComparison.Ordinal);
        Assert.Equal(string.Join(",", new[] { Zone, DnsInstallation.OtherZoneId }.Order(StringComparer.Ordinal)), result.AppliedAs);
        Assert.Contains(await cfsync.ZoneAsync(DnsInstallation.OtherZoneId), r => r.Name == "app.dev.example.com" && r.Type == "CNAME");
        Assert.DoesNotContain(await cfsync.ZoneAsync(), r => r.Name.StartsWith("app.dev", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_200_record_change_to_one_zone_is_one_batch_call()
    {
        await using var edge = await EdgeHarness.StartAsync();
        // The emulator checks all 200 posts against the contract's schemas: give that call time on a busy machine.
        await using var cfsync = new DnsInstallation(edge, o =>
        {
            Installations.Owner("cfsync", DnsRegistryKind.Comment)(o);
            o.AttemptTimeout = TimeSpan.FromSeconds(60);
        });
        var hosts = Enumerable.Range(0, 200).Select(i => Host($"h{i:D3}.example.com")).ToArray();
        await cfsync.ApplyTunnelAsync(Tunnel, null, hosts);
        var writes = cfsync.WritesSince(0);
        var batch = Assert.Single(writes);
        Assert.EndsWith("/dns_records/batch", batch.Path, StringComparison.Ordinal);
        Assert.Equal(200, (await cfsync.ZoneAsync()).Count);

        // With the TXT registry each record brings its entry: 100 hosts are 200 operations, still one call.
        await using var txt = await EdgeHarness.StartAsync();
        await using var withTxt = new DnsInstallation(txt, o => o.AttemptTimeout = TimeSpan.FromSeconds(60));
        await withTxt.ApplyTunnelAsync(Tunnel, null, hosts[..100]);
        Assert.Single(withTxt.WritesSince(0));
        Assert.Equal(200, (await withTxt.ZoneAsync()).Count);
    }

    [Fact]
    public async Task A_rejected_chunk_falls_back_unit_by_unit_and_a_bad_record_fails_only_its_source()
    {
        await using var edge = await EdgeHarness.StartAsync();
        edge.SendsInvalidRequests = true;
        await using var cfsync = new DnsInstallation(edge, o => o.Dns.BatchSize = 4);

        // Cloudflare takes names of up to 255 characters: the first is too long itself, the second only its TXT entry.
        var tooLong = string.Join(".", Enumerable.Repeat(new string('x', 61), 4)) + ".example.com";
        var entryTooLong = string.Join(".", Enumerable.Repeat(new string('y', 60), 4)) + ".example.com";
        var result = await cfsync.ApplyTunnelAsync(Tunnel, null, Host("a.example.com"), Host("b.example.com"), Host(tooLong), Host(entryTooLong), Host("c.example.com"));

        Assert.Equal([$"Ingress/shop/{tooLong}", $"Ingress/shop/{entryTooLong}"], result.Conflicts.Select(c => c.SourceKey).Order(StringComparer.Ordinal));
        Assert.All(result.Conflicts, c => Assert.Contains("Cloudflare rejected the write of CNAME ", c.Reason, StringComparison.Ordinal));
        var zone = await cfsync.ZoneAsync();
        Assert.Equal(["a.example.com", "b.example.com", "c.example.com"], zone.Where(r => r.Type == "CNAME").Select(r => r.Name).Order(StringComparer.Ordinal));

        // A unit goes whole or not at all: no CNAME is left without its registry entry.
        Assert.Equal(3, zone.Count(r => r.Type == "TXT"));
        var batches = cfsync.WritesSince(0).Where(w => w.Path.EndsWith("/batch", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, batches.Count);
        Assert.Equal(3, batches.Count(b => b.Status == 400));
        Assert.Equal(Zone, result.AppliedAs);
        Assert.Contains(edge.Logs.Lines, l => l.Contains("writing them unit by unit", StringComparison.Ordinal));
        Assert.DoesNotContain(edge.Logs.Lines, l => l.Contains(Emulator.EmulatorOptions.DefaultToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Encrypted_txt_content_is_stable_across_applies_and_names_neither_tunnel_nor_account()
    {
        await using var edge = await EdgeHarness.StartAsync();
        var key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        await using var cfsync = new DnsInstallation(edge, Installations.Owner("cfsync", key: key));
        var applied = await cfsync.ApplyTunnelAsync(Tunnel, null, Host("app.example.com"));
        var txt = (await cfsync.ZoneAsync()).Single(r => r.Type == "TXT");
        Assert.StartsWith("cfsync-aesgcm:", txt.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("heritage", txt.Content, StringComparison.Ordinal);
        var plaintext = new Dns.TxtCipher(key).Decrypt(txt.Content!);
        Assert.Equal("heritage=cfsync,cfsync/owner=cfsync,cfsync/resource=Ingress/shop/app.example.com", plaintext);
        foreach (var secret in new[] { Tunnel, EdgeHarness.Account })
        {
            Assert.DoesNotContain(secret, txt.Content!, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, plaintext!, StringComparison.OrdinalIgnoreCase);
        }

        var before = cfsync.LastSequence;
        await cfsync.ApplyTunnelAsync(Tunnel, new ApplyContext(applied.AppliedAs), Host("app.example.com"));
        Assert.Empty(cfsync.WritesSince(before));
        Assert.Equal(txt.Content, (await cfsync.ZoneAsync()).Single(r => r.Type == "TXT").Content);

        // Without the key, the encrypted entry is unreadable: not ours, so a conflict.
        await using var keyless = new DnsInstallation(edge);
        var refused = await keyless.ApplyTunnelAsync(Tunnel, new ApplyContext(applied.AppliedAs), Host("app.example.com"));
        Assert.Contains("carries no ownership marker", Assert.Single(refused.Conflicts).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_comment_registry_marks_the_record_itself_and_writes_no_txt()
    {
        await using var edge = await EdgeHarness.StartAsync();
        await using var cfsync = new DnsInstallation(edge, o =>
        {
            Installations.Owner("cluster-a", DnsRegistryKind.Comment)(o);
            o.Ownership.CommentLimit = 60;
        });
        var applied = await cfsync.ApplyTunnelAsync(Tunnel, null, Host("app.example.com"));
        var record = Assert.Single(await cfsync.ZoneAsync());
        Assert.Equal("CNAME", record.Type);

        // The whole marker (with the resource) is longer than 60 characters: the resource part goes, the owner stays.
        Assert.Equal("heritage=cfsync,cfsync/owner=cluster-a", record.Comment);
        var before = cfsync.LastSequence;
        await cfsync.ApplyTunnelAsync(Tunnel, new ApplyContext(applied.AppliedAs), Host("app.example.com"));
        Assert.Empty(cfsync.WritesSince(before));

        var removed = await cfsync.ApplyTunnelAsync(Tunnel, new ApplyContext(applied.AppliedAs));
        Assert.Null(removed.AppliedAs);
        Assert.Empty(await cfsync.ZoneAsync());
    }

    [Fact]
    public async Task A_drift_check_reports_a_dashboard_edit_and_repairs_it_only_when_asked()
    {
        await using var edge = await EdgeHarness.StartAsync();
        await using var cfsync = new DnsInstallation(edge);
        var applied = await cfsync.ApplyTunnelAsync(Tunnel, null, Host("app.example.com"));
        var clean = await cfsync.ApplyTunnelAsync(Tunnel, new ApplyContext(applied.AppliedAs, Purpose: ApplyPurpose.DriftCheck), Host("app.example.com"));
        Assert.Null(clean.Drift);

        var record = (await cfsync.ZoneAsync()).Single(r => r.Type == "CNAME");
        await edge.Client.Dns.PatchAsync(Zone, record.Id, new Models.DnsRecordPatch(Content: "elsewhere.example.org", Proxied: false, Ttl: 300));
        var before = cfsync.LastSequence;
        var reported = await cfsync.ApplyTunnelAsync(Tunnel, new ApplyContext(applied.AppliedAs, Purpose: ApplyPurpose.DriftCheck, RepairDrift: false), Host("app.example.com"));
        Assert.Equal($"CNAME app.example.com: content elsewhere.example.org -> {Target}, ttl 300 -> 1, proxied False -> True", reported.Drift);
        Assert.Empty(cfsync.WritesSince(before));
        Assert.Equal(Zone, reported.AppliedAs);

        var repaired = await cfsync.ApplyTunnelAsync(Tunnel, new ApplyContext(applied.AppliedAs, Purpose: ApplyPurpose.DriftCheck, RepairDrift: true), Host("app.example.com"));
        Assert.Equal(reported.Drift, repaired.Drift);
        var fixedRecord = (await cfsync.ZoneAsync()).Single(r => r.Type == "CNAME");
        Assert.Equal((record.Id, Target, true, 1), (fixedRecord.Id, fixedRecord.Content, fixedRecord.Proxied == true, fixedRecord.Ttl));

        // A record whose registry entry was deleted outside is no longer provably ours: a conflict, never a write.
        var txt = (await cfsync.ZoneAsync()).Single(r => r.Type == "TXT");
        Assert.Equal(DeleteOutcome.Deleted, await edge.Client.Dns.DeleteAsync(Zone, txt.Id));
        before = cfsync.LastSequence;
        var orphan = await cfsync.ApplyTunnelAsync(Tunnel, new ApplyContext(applied.AppliedAs, Purpose: ApplyPurpose.DriftCheck), Host("app.example.com"));
        Assert.Contains($"CNAME app.example.com (id {record.Id}) in zone example.com carries no ownership marker", Assert.Single(orphan.Conflicts).Reason, StringComparison.Ordinal);
        Assert.Empty(cfsync.WritesSince(before));
    }

    [Fact]
    public async Task Another_tunnel_never_takes_a_host_and_a_new_winner_in_the_same_tunnel_does()
    {
        await using var edge = await EdgeHarness.StartAsync();
        await using var cfsync = new DnsInstallation(edge);
        var first = await cfsync.ApplyTunnelAsync(Tunnel, null, Host("app.example.com"));

        var other = await cfsync.ApplyTunnelAsync(OtherTunnel, null, new TunnelDnsRecord("app.example.com", true, "Ingress/other/app"));
        Assert.Equal("CNAME app.example.com in zone example.com is held by Ingress/shop/app.example.com", Assert.Single(other.Conflicts).Reason);
        Assert.Null(other.AppliedAs);

        // The same tunnel's aggregate picked another source for the host: the registry follows, the record stays.
        var moved = await cfsync.ApplyTunnelAsync(Tunnel, new ApplyContext(first.AppliedAs), new TunnelDnsRecord("app.example.com", true, "HTTPRoute/shop/app"));
        Assert.Empty(moved.Conflicts);
        Assert.Contains("cfsync/resource=HTTPRoute/shop/app", (await cfsync.ZoneAsync()).Single(r => r.Type == "TXT").Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_account_the_apply_fails_permanently_naming_the_tunnel()
    {
        await using var edge = await EdgeHarness.StartAsync();
        await using var cfsync = new DnsInstallation(edge);
        var request = DnsInstallation.TunnelRequest(Tunnel, null, Host("app.example.com")) with { Scope = Core.Resources.ResourceScope.None };
        var result = await cfsync.Tunnel.ApplyAsync(request, CancellationToken.None);
        Assert.Equal(Sync.Orchestrations.ApplyFailure.Permanent, result.Failure);
        Assert.Contains(Tunnel, result.Error, StringComparison.Ordinal);
        Assert.Empty(edge.Journal);
    }

    private static TunnelDnsRecord Host(string name, bool adopt = false) => new(name, true, $"Ingress/shop/{name}", adopt);
}
