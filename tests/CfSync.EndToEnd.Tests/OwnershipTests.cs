using System.Text;
using CfSync.Cloudflare.Models;
using CfSync.Testing;

namespace CfSync.EndToEnd.Tests;

/// <summary>
/// Everything the samples name reaches Cloudflare through the same core, marked as ours: every resource ends Synced,
/// each tunnel hostname has its proxied CNAME and ownership record, a deleted DNSRecord takes its record with it
/// before it goes, and a dashboard edit of a tunnel's configuration is repaired by the next drift check.
/// </summary>
public sealed class OwnershipTests : LoopTest
{
    private const string Zone = "fedcba9876543210fedcba9876543210";

    // Short enough for a test to wait out one period; every other class keeps the default (15 min).
    protected override void ConfigureSync(CfSync.Sync.SyncOptions options) => options.DriftInterval = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Every_sample_resource_syncs_and_each_tunnel_hostname_gets_its_proxied_CNAME_and_ownership_record()
    {
        await ApplySamplesAsync();
        await CloudflareHoldsTheRenderAsync();
        await EveryResourceSyncedAsync();

        var records = await RecordsAsync();
        foreach (var (host, tunnel) in new[] { ("shop.example.com", Edge), ("status.example.com", Edge), ("grafana.team-a.example.com", TeamA) })
        {
            var cname = Assert.Single(records, r => r.Type == "CNAME" && r.Name == host);
            Assert.Equal(($"{tunnel}.cfargotunnel.com", true, 1), (cname.Content, cname.Proxied == true, cname.Ttl));
            var registry = Assert.Single(records, r => r.Type == "TXT" && r.Name == $"cname-{host}");
            Assert.Contains("heritage=cfsync", registry.Content, StringComparison.Ordinal);
            Assert.DoesNotContain(tunnel, registry.Content, StringComparison.Ordinal);
        }

        Assert.Single(records, r => r.Type == "MX" && r.Name == "example.com" && r.Content == "mail.example.com");
        Assert.Single(records, r => r.Type == "TXT" && r.Name == "mx-_apex.example.com");

        // The docs HTTPRoute opts out (dns-management: Manual): its host is served, but no record is written for it.
        Assert.DoesNotContain(records, r => r.Name.Contains("docs.example.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deleted_DNSRecord_takes_its_Cloudflare_record_with_it_before_the_object_goes()
    {
        await ApplySamplesAsync();
        await EveryResourceSyncedAsync();
        var mail = Manifests.Get("DNSRecord", "mail");

        await DeleteAsync(mail);
        await Eventually.AssertAsync(async () => Assert.Null(await Loop.Objects.GetAsync(mail)), CloudflareChecks.Patience);

        // The finalizer went only after the record did: no wait here.
        Assert.DoesNotContain(await RecordsAsync(), r => r.Type == "MX" && r.Name == "example.com");
        Assert.DoesNotContain(await RecordsAsync(), r => r.Type == "TXT" && r.Name == "mx-_apex.example.com");
    }

    [Fact]
    public async Task A_dashboard_edit_of_a_tunnel_configuration_is_repaired_within_one_drift_period()
    {
        await ApplySamplesAsync();
        var edge = (await CloudflareHoldsTheRenderAsync()).Single(t => t.TunnelId == Edge);

        // Someone edits the tunnel in the dashboard: one rule more, through the API as the dashboard does.
        var edited = edge.Body.Replace("{\"service\":\"http_status:404\"}", "{\"hostname\":\"dashboard.example.com\",\"service\":\"http://x:80\"},{\"service\":\"http_status:404\"}", StringComparison.Ordinal);
        Assert.NotEqual(edge.Body, edited);
        await Loop.Engine.Cloudflare.Tunnels.PutConfigurationAsync(EngineRig.AccountId, Edge, Encoding.UTF8.GetBytes(edited));

        await Eventually.AssertAsync(async () =>
        {
            var held = await Loop.Engine.Cloudflare.Tunnels.GetConfigurationAsync(EngineRig.AccountId, Edge);
            Assert.DoesNotContain("dashboard.example.com", held?.Config?.ToJsonString() ?? "", StringComparison.Ordinal);
            var drifted = (await Loop.SyncStateAsync(Edge))?["status"]?["conditions"]?.AsArray().FirstOrDefault(c => (string?)c?["type"] == "Drifted");
            Assert.True(drifted is not null, "no Drifted condition yet");
            Assert.Equal(("False", "DriftRepaired"), ((string?)drifted["status"], (string?)drifted["reason"]));
            Assert.Contains("dashboard.example.com", (string?)drifted["message"], StringComparison.Ordinal);
        }, CloudflareChecks.Patience);
        Assert.Equal(edge.Body, Loop.Engine.PutsTo(Edge).Last(e => e.Status == 200).RequestBody);
    }

    private async Task EveryResourceSyncedAsync()
    {
        var resources = await Render.ResourcesAsync(Manifests.Folder);
        Assert.Contains(resources, r => (string?)r["resourceType"] == "TunnelDnsRecords");
        await Eventually.AssertAsync(async () =>
        {
            foreach (var resource in resources)
            {
                var identity = new CfSync.Core.Resources.ResourceIdentity(Enum.Parse<CfSync.Core.Resources.ResourceType>((string)resource["resourceType"]!), (string)resource["cloudflareId"]!);
                var state = await Loop.SyncStateAsync(identity);
                Assert.True(state is not null, $"no CloudflareSyncState for {identity}");
                Assert.Equal(("Synced", (string?)resource["configHash"]), ((string?)state["status"]?["syncStatus"], (string?)state["status"]?["configHash"]));
            }
        }, CloudflareChecks.Patience, TimeSpan.FromMilliseconds(250));
    }

    private async Task<List<DnsRecord>> RecordsAsync()
    {
        var records = new List<DnsRecord>();
        await foreach (var record in Loop.Engine.Cloudflare.Dns.ListAllAsync(Zone))
        {
            records.Add(record);
        }

        return records;
    }
}
