using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CfSync.Cloudflare.Emulator.Control;
using CfSync.Cloudflare.Models;

namespace CfSync.Cloudflare.Tests;

/// <summary>Every endpoint of the subset through the client against the emulator (contract checked on dispose).</summary>
public sealed class EndpointTests
{
    private const string Account = EdgeHarness.Account;
    private const string Tunnel = EdgeHarness.TunnelId;
    private const string Zone = EdgeHarness.ZoneId;

    [Fact]
    public async Task Tunnel_configuration_put_bumps_version_and_replaces_the_document()
    {
        await using var edge = await EdgeHarness.StartAsync();
        var tunnels = edge.Client.Tunnels;
        var initial = await tunnels.GetConfigurationAsync(Account, Tunnel);
        Assert.Equal(0, initial!.Version);

        var first = await tunnels.PutConfigurationAsync(Account, Tunnel, new TunnelConfig(
            [new TunnelIngressRule("http://app.default.svc:80", "app.example.com", OriginRequest: new OriginRequest { NoTlsVerify = true, ConnectTimeout = 30 }),
             new TunnelIngressRule("http_status:404")],
            WarpRouting: new WarpRouting(true)));
        Assert.Equal(1, first.Version);
        Assert.True(first.Config!["warp-routing"]!["enabled"]!.GetValue<bool>());
        Assert.True(first.Config["ingress"]![0]!["originRequest"]!["noTLSVerify"]!.GetValue<bool>());

        var second = await tunnels.PutConfigurationAsync(Account, Tunnel, new TunnelConfig([new TunnelIngressRule("http_status:503")]));
        Assert.Equal(2, second.Version);
        var read = await tunnels.GetConfigurationAsync(Account, Tunnel);
        Assert.Equal(2, read!.Version);
        Assert.Null(read.Config!["warp-routing"]);
    }

    [Fact]
    public async Task Json_body_is_sent_byte_for_byte()
    {
        await using var edge = await EdgeHarness.StartAsync();
        // Unsorted keys and a '+' that a default JSON writer would escape as \u002B: both must arrive as written.
        const string body = """{"config":{"warp-routing":{"enabled":false},"ingress":[{"service":"http://b:80","hostname":"b.example.com","path":"^/v[0-9]+/","originRequest":{"matchSNItoHost":true}},{"service":"http_status:404"}]}}""";
        var result = await edge.Client.Tunnels.PutConfigurationAsync(Account, Tunnel, Encoding.UTF8.GetBytes(body));
        Assert.Equal(1, result.Version);
        Assert.Equal(body, edge.Journal.Single().RequestBody);
        Assert.True(result.Config!["ingress"]![0]!["originRequest"]!["matchSNItoHost"]!.GetValue<bool>());
        Assert.Throws<ArgumentException>(() => { _ = edge.Client.Tunnels.PutConfigurationAsync(Account, Tunnel, """{"ingress":[]}"""u8.ToArray()); });
        Assert.Throws<ArgumentException>(() => { _ = edge.Client.Tunnels.PutConfigurationAsync(Account, Tunnel, "not json"u8.ToArray()); });
    }

    [Fact]
    public async Task Invalid_ingress_is_a_permanent_1056_and_not_retried()
    {
        await using var edge = await EdgeHarness.StartAsync();
        var error = await Assert.ThrowsAsync<CloudflareApiException>(() => edge.Client.Tunnels.PutConfigurationAsync(
            Account, Tunnel, new TunnelConfig([new TunnelIngressRule("http://a:80", "a.example.com")])));
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(CloudflareErrorCategory.Permanent, error.Category);
        Assert.True(error.HasErrorCode(CloudflareErrorCodes.InvalidTunnelConfiguration));
        Assert.StartsWith("Bad Configuration: Validation failed: ", error.Errors[0].Message, StringComparison.Ordinal);
        Assert.Single(edge.Journal);
        Assert.Equal(0, (await edge.Client.Tunnels.GetConfigurationAsync(Account, Tunnel))!.Version);
    }

    [Fact]
    public async Task Missing_tunnel_is_a_typed_not_found()
    {
        await using var edge = await EdgeHarness.StartAsync();
        Assert.Equal("cluster-tunnel", (await edge.Client.Tunnels.GetAsync(Account, Tunnel))!.Name);
        Assert.Null(await edge.Client.Tunnels.GetAsync(Account, "00000000-0000-0000-0000-000000000000"));
        Assert.Null(await edge.Client.Tunnels.GetConfigurationAsync(Account, "00000000-0000-0000-0000-000000000000"));
        var error = await Assert.ThrowsAsync<CloudflareApiException>(() => edge.Client.Tunnels.PutConfigurationAsync(
            Account, "00000000-0000-0000-0000-000000000000", new TunnelConfig([new TunnelIngressRule("http_status:404")])));
        Assert.Equal(CloudflareErrorCategory.NotFound, error.Category);
    }

    [Fact]
    public async Task Zones_page_through_per_page_and_filter_by_name()
    {
        await using var edge = await EdgeHarness.StartAsync();
        edge.Emulator.Seed(new EmulatorSeed { Zones = [.. Enumerable.Range(0, 11).Select(i => new SeedZone($"zone{i:D2}", $"z{i:D2}.example.org", Account))] });
        var all = new List<CloudflareZone>();
        await foreach (var zone in edge.Client.Zones.ListAllAsync(perPage: 5))
        {
            all.Add(zone);
        }

        Assert.Equal(12, all.Count);
        Assert.Equal(3, edge.Journal.Count);
        Assert.Equal(EdgeHarness.ZoneId, (await edge.Client.Zones.FindByNameAsync(EdgeHarness.ZoneName))?.Id);
        Assert.Equal(11, (await edge.Client.Zones.ListPageAsync(new ZoneQuery(Name: "ends_with:.org"), perPage: 50)).Items.Count);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => edge.Client.Zones.ListPageAsync(perPage: 51));
    }

    [Fact]
    public async Task Dns_records_create_filter_update_patch_delete()
    {
        await using var edge = await EdgeHarness.StartAsync();
        var dns = edge.Client.Dns;
        var cname = await dns.CreateAsync(Zone, new DnsRecordRequest("CNAME", "app", $"{Tunnel}.cfargotunnel.com", Proxied: true, Comment: "managed by cfsync", Tags: ["owner:cfsync"]));
        Assert.Matches("^[0-9a-f]{32}$", cname.Id);
        Assert.Equal("app.example.com", cname.Name);
        var txt = await dns.CreateAsync(Zone, new DnsRecordRequest("TXT", "_cfsync.app", "heritage=cfsync", Ttl: 120));

        Assert.Equal(cname.Id, (await dns.ListPageAsync(Zone, new DnsRecordQuery(Type: "CNAME", Name: "app.example.com", Proxied: true))).Items.Single().Id);
        Assert.Equal(txt.Id, (await dns.ListPageAsync(Zone, new DnsRecordQuery(Content: "heritage=cfsync"))).Items.Single().Id);
        Assert.Empty((await dns.ListPageAsync(Zone, new DnsRecordQuery(Type: "A"))).Items);

        var updated = await dns.UpdateAsync(Zone, cname.Id, new DnsRecordRequest("CNAME", "app.example.com", "other.cfargotunnel.com", Proxied: true));
        Assert.Equal("other.cfargotunnel.com", updated.Content);
        Assert.Null(updated.Comment);
        var patched = await dns.PatchAsync(Zone, cname.Id, new DnsRecordPatch(Comment: "patched"));
        Assert.Equal(("patched", "other.cfargotunnel.com"), (patched.Comment, patched.Content));

        Assert.Equal(DeleteOutcome.Deleted, await dns.DeleteAsync(Zone, cname.Id));
        Assert.Equal(DeleteOutcome.NotFound, await dns.DeleteAsync(Zone, cname.Id));
        var missing = await Assert.ThrowsAsync<CloudflareApiException>(() => dns.PatchAsync(Zone, cname.Id, new DnsRecordPatch(Comment: "x")));
        Assert.True(missing.HasErrorCode(CloudflareErrorCodes.DnsRecordDoesNotExist));
        Assert.Equal(CloudflareErrorCategory.NotFound, missing.Category);
    }

    [Fact]
    public async Task Dns_duplicate_rules_are_permanent_errors_with_their_codes()
    {
        await using var edge = await EdgeHarness.StartAsync();
        var seeded = edge.Emulator.Seed(new EmulatorSeed { DnsRecords = [new SeedDnsRecord(Zone, "A", "app.example.com", "198.51.100.4", Comment: "made in the dashboard")] });
        var listed = (await edge.Client.Dns.ListPageAsync(Zone)).Items.Single();
        Assert.Equal((seeded.DnsRecords[0], "made in the dashboard"), (listed.Id, listed.Comment));

        var host = await Assert.ThrowsAsync<CloudflareApiException>(() => edge.Client.Dns.CreateAsync(Zone, new DnsRecordRequest("CNAME", "app.example.com", "t.cfargotunnel.com")));
        Assert.True(host.HasErrorCode(CloudflareErrorCodes.DnsHostAlreadyExists));
        Assert.Equal(CloudflareErrorCategory.Permanent, host.Category);
        var identical = await Assert.ThrowsAsync<CloudflareApiException>(() => edge.Client.Dns.CreateAsync(Zone, new DnsRecordRequest("A", "app", "198.51.100.4")));
        Assert.True(identical.HasErrorCode(CloudflareErrorCodes.DnsIdenticalRecordExists));
        Assert.Equal(3, edge.Journal.Count);
    }

    [Fact]
    public async Task Dns_batch_is_ordered_and_all_or_nothing()
    {
        await using var edge = await EdgeHarness.StartAsync();
        var seeded = edge.Emulator.Seed(new EmulatorSeed
        {
            DnsRecords = [new SeedDnsRecord(Zone, "A", "old.example.com", "198.51.100.4"), new SeedDnsRecord(Zone, "TXT", "keep.example.com", "v=1")],
        });

        // The delete alone would succeed; the CNAME post clashes with the A record, so nothing may change.
        var failing = new DnsBatchRequest(
            Deletes: [new DnsRecordId(seeded.DnsRecords[1])],
            Posts: [new DnsRecordRequest("CNAME", "old.example.com", "t.cfargotunnel.com")]);
        var error = await Assert.ThrowsAsync<CloudflareApiException>(() => edge.Client.Dns.BatchAsync(Zone, failing));
        Assert.True(error.HasErrorCode(CloudflareErrorCodes.DnsHostAlreadyExists));
        Assert.Equal(2, (await edge.Client.Dns.ListPageAsync(Zone)).Items.Count);

        // Deletes run before posts, so replacing an A record by a CNAME in one batch works.
        var result = await edge.Client.Dns.BatchAsync(Zone, new DnsBatchRequest(
            Deletes: [new DnsRecordId(seeded.DnsRecords[0])],
            Patches: [new DnsBatchPatch(seeded.DnsRecords[1], Content: "v=2")],
            Posts: [new DnsRecordRequest("CNAME", "old.example.com", "t.cfargotunnel.com", Proxied: true)]));
        Assert.Equal(seeded.DnsRecords[0], result.Deletes!.Single().Id);
        Assert.Equal("v=2", result.Patches!.Single().Content);
        Assert.Equal("CNAME", result.Posts!.Single().Type);
        var records = (await edge.Client.Dns.ListPageAsync(Zone)).Items;
        Assert.Equal(["CNAME", "TXT"], records.Select(r => r.Type).Order());
    }

    [Fact]
    public async Task Dns_list_pages_until_a_short_page()
    {
        await using var edge = await EdgeHarness.StartAsync();
        edge.Emulator.Seed(new EmulatorSeed { DnsRecords = [.. Enumerable.Range(0, 250).Select(i => new SeedDnsRecord(Zone, "TXT", $"r{i}.example.com", "x"))] });
        var count = 0;
        await foreach (var unused in edge.Client.Dns.ListAllAsync(Zone))
        {
            count++;
        }

        Assert.Equal(250, count);
        Assert.Equal(3, edge.Journal.Count);
    }

    [Fact]
    public async Task Access_applications_create_201_list_update_delete_202()
    {
        await using var edge = await EdgeHarness.StartAsync();
        edge.Emulator.Seed(new EmulatorSeed { DnsRecords = [new SeedDnsRecord(Zone, "CNAME", "app.example.com", "origin.example.net")] });
        var access = edge.Client.Access;
        var app = await access.CreateAsync(Account, new AccessApplicationRequest { Name = "app", Domain = "app.example.com", SessionDuration = "12h" });
        Assert.Equal(201, edge.Journal[^1].Status);
        Assert.False(string.IsNullOrEmpty(app.Aud));
        Assert.Equal(app.Id, (await access.ListPageAsync(Account, new AccessApplicationQuery(Domain: "app.example.com"))).Items.Single().Id);
        var updated = await access.UpdateAsync(Account, app.Id, new AccessApplicationRequest { Name = "renamed", Domain = "app.example.com" });
        Assert.Equal(("renamed", app.Aud), (updated.Name, updated.Aud));
        Assert.Equal(DeleteOutcome.Deleted, await access.DeleteAsync(Account, app.Id));
        Assert.Equal(202, edge.Journal[^1].Status);
        Assert.Equal(DeleteOutcome.NotFound, await access.DeleteAsync(Account, app.Id));
    }

    [Fact]
    public async Task Routes_and_virtual_networks()
    {
        await using var edge = await EdgeHarness.StartAsync();
        var routes = edge.Client.Routes;
        var vnets = edge.Emulator.Seed(new EmulatorSeed { VirtualNetworks = [new SeedVirtualNetwork(Account, "default", IsDefault: true), new SeedVirtualNetwork(Account, "staging")] });
        var route = await routes.CreateAsync(Account, new TunnelRouteRequest("10.0.0.0/16", Tunnel, "cluster pods"));
        Assert.Equal(vnets.VirtualNetworks[0], route.VirtualNetworkId);
        var duplicate = await Assert.ThrowsAsync<CloudflareApiException>(() => routes.CreateAsync(Account, new TunnelRouteRequest("10.0.0.0/16", Tunnel)));
        Assert.Equal(CloudflareErrorCategory.Permanent, duplicate.Category);

        var listed = (await routes.ListPageAsync(Account, new TunnelRouteQuery(TunnelId: Tunnel))).Items.Single();
        Assert.Equal(("cluster-tunnel", "default"), (listed.TunnelName, listed.VirtualNetworkName));
        var moved = await routes.UpdateAsync(Account, route.Id, new TunnelRoutePatch(VirtualNetworkId: vnets.VirtualNetworks[1]));
        Assert.Equal(vnets.VirtualNetworks[1], moved.VirtualNetworkId);
        Assert.Equal(DeleteOutcome.Deleted, await routes.DeleteAsync(Account, route.Id));
        Assert.Equal(DeleteOutcome.NotFound, await routes.DeleteAsync(Account, route.Id));
        Assert.Empty((await routes.ListPageAsync(Account)).Items);
        Assert.Single((await routes.ListPageAsync(Account, new TunnelRouteQuery(IsDeleted: true))).Items);

        Assert.Equal(2, (await routes.ListVirtualNetworksAsync(Account)).Count);
        Assert.Equal("staging", (await routes.ListVirtualNetworksAsync(Account, new VirtualNetworkQuery(IsDefault: false))).Single().Name);
    }

    [Fact]
    public async Task Gateway_rules_crud()
    {
        await using var edge = await EdgeHarness.StartAsync();
        var gateway = edge.Client.Gateway;
        var rule = await gateway.CreateAsync(Account, new GatewayRuleRequest("block bad", "block", Filters: ["dns"], Traffic: "any(dns.domains[*] == \"bad.example\")", Enabled: true));
        Assert.Equal(rule.Id, (await gateway.ListAsync(Account)).Single().Id);
        var updated = await gateway.UpdateAsync(Account, rule.Id, new GatewayRuleRequest("allow", "allow", Filters: ["dns"], Traffic: "any(dns.domains[*] == \"bad.example\")"));
        Assert.Equal("allow", updated.Action);
        Assert.Equal(DeleteOutcome.Deleted, await gateway.DeleteAsync(Account, rule.Id));
        Assert.Equal(DeleteOutcome.NotFound, await gateway.DeleteAsync(Account, rule.Id));
        Assert.Empty(await gateway.ListAsync(Account));
    }
}
