using System.Text.Json.Nodes;
using CfSync.Cloudflare.Applying;
using CfSync.Cloudflare.Emulator.Control;
using CfSync.Core.Resources;
using CfSync.Sync.Applying;
using CfSync.Sync.Orchestrations;

namespace CfSync.Cloudflare.Tests;

/// <summary>Access applications through the 1:1 applier: lost ids, dashboard apps, owners, served domains, policies, drift.</summary>
public sealed class AccessApplicationApplierTests
{
    private const string Domain = "grafana.example.com";
    private const string Source = "AccessApplication/grafana";
    private static readonly ApplyContext Ours = new(Owner: Source);

    private static JsonObject App(string session = "12h", string decision = "allow") => new()
    {
        ["name"] = "Grafana",
        ["domain"] = Domain,
        ["type"] = "self_hosted",
        ["session_duration"] = session,
        ["tags"] = new JsonArray("team-a"),
        ["policies"] = new JsonArray(new JsonObject
        {
            ["name"] = "staff",
            ["decision"] = decision,
            ["precedence"] = 1,
            ["include"] = new JsonArray(new JsonObject { ["email_domain"] = new JsonObject { ["domain"] = "example.com" } }),
            ["exclude"] = new JsonArray(),
            ["require"] = new JsonArray(new JsonObject { ["geo"] = new JsonObject { ["country_code"] = "DE" } }),
        }),
    };

    private static async Task<EdgeHarness> ServedAsync()
    {
        var edge = await EdgeHarness.StartAsync();
        edge.Emulator.Seed(new EmulatorSeed { DnsRecords = [new SeedDnsRecord(EdgeHarness.ZoneId, "CNAME", Domain, $"{EdgeHarness.TunnelId}.cfargotunnel.com", Proxied: true)] });
        return edge;
    }

    private static async Task<List<Models.AccessApplication>> AppsAsync(EdgeHarness edge)
    {
        var apps = new List<Models.AccessApplication>();
        await foreach (var app in edge.Client.Access.ListAllAsync(EdgeHarness.Account))
        {
            apps.Add(app);
        }

        return apps;
    }

    [Fact]
    public async Task A_lost_id_finds_our_app_again_instead_of_creating_a_second_and_the_same_body_writes_nothing()
    {
        await using var edge = await ServedAsync();
        await using var rig = new ApplierRig(edge);
        var created = await rig.ApplyAsync(ResourceType.AccessApplication, Domain, App(), Ours);
        Assert.True(created.Succeeded, created.Error);
        var id = Assert.IsType<string>(created.AppliedAs);

        var mark = edge.Journal.Count;
        var byId = await rig.ApplyAsync(ResourceType.AccessApplication, Domain, App(), Ours with { AppliedAs = id });
        var lost = await rig.ApplyAsync(ResourceType.AccessApplication, Domain, App(), Ours);
        var stale = await rig.ApplyAsync(ResourceType.AccessApplication, Domain, App(), Ours with { AppliedAs = "2b0b5bd0-0000-4000-8000-000000000000" });
        Assert.Equal((id, id, id), (byId.AppliedAs, lost.AppliedAs, stale.AppliedAs));
        Assert.Empty(rig.WritesSince(mark));
        var app = Assert.Single(await AppsAsync(edge));
        Assert.Equal(["team-a", "cfsync-cfsync"], app.Extra!["tags"].EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task An_app_of_the_same_name_and_domain_made_in_the_dashboard_is_never_overwritten_unless_the_source_adopts_it()
    {
        await using var edge = await ServedAsync();
        await using var rig = new ApplierRig(edge);
        var dashboard = edge.Emulator.Seed(new EmulatorSeed { AccessApps = [new SeedAccessApp(EdgeHarness.Account, "Grafana", Domain)] }).AccessApps[0];

        var mark = edge.Journal.Count;
        var refused = await rig.ApplyAsync(ResourceType.AccessApplication, Domain, App(), Ours);
        Assert.True(refused.Succeeded);
        var conflict = Assert.Single(refused.Conflicts);
        Assert.Equal(Source, conflict.SourceKey);
        Assert.Contains($"Access application 'Grafana' ({Domain}) (id {dashboard})", conflict.Reason, StringComparison.Ordinal);
        Assert.Contains("without CfSync's ownership marker", conflict.Reason, StringComparison.Ordinal);
        Assert.Empty(rig.WritesSince(mark));

        var adopted = await rig.ApplyAsync(ResourceType.AccessApplication, Domain, App(), Ours with { Adopt = true });
        Assert.Equal(dashboard, adopted.AppliedAs);
        var app = Assert.Single(await AppsAsync(edge));
        Assert.Equal("12h", app.SessionDuration);
        Assert.Contains("cfsync-cfsync", app.Extra!["tags"].EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task Another_installations_app_is_a_conflict_naming_it_and_is_never_deleted()
    {
        await using var edge = await ServedAsync();
        await using var rig = new ApplierRig(edge);
        await using var other = new ApplierRig(edge, Installations.Owner("cluster-b"));
        var theirs = await other.ApplyAsync(ResourceType.AccessApplication, Domain, App(), new ApplyContext(Owner: "AccessApplication/grafana"));
        Assert.True(theirs.Succeeded, theirs.Error);

        var mark = edge.Journal.Count;
        var refused = await rig.ApplyAsync(ResourceType.AccessApplication, Domain, App("1h"), Ours);
        var deleted = await rig.ApplyAsync(ResourceType.AccessApplication, Domain, null, Ours);
        Assert.Contains("belongs to the CfSync installation 'cluster-b'", Assert.Single(refused.Conflicts).Reason, StringComparison.Ordinal);
        Assert.True(deleted.Succeeded);
        Assert.Empty(rig.WritesSince(mark));
        Assert.Equal("12h", Assert.Single(await AppsAsync(edge)).SessionDuration);

        var removed = await other.ApplyAsync(ResourceType.AccessApplication, Domain, null, new ApplyContext(AppliedAs: theirs.AppliedAs));
        Assert.Null(removed.AppliedAs);
        Assert.Empty(await AppsAsync(edge));
    }

    [Fact]
    public async Task An_app_whose_domain_nothing_serves_yet_waits_and_succeeds_once_the_tunnel_serves_it()
    {
        await using var edge = await EdgeHarness.StartAsync();
        await using var rig = new ApplierRig(edge);

        var waiting = await rig.ApplyAsync(ResourceType.AccessApplication, Domain, App(), Ours);
        Assert.False(waiting.Succeeded);
        Assert.Equal(ApplyFailure.Transient, waiting.Failure);
        Assert.Equal(AccessApplicationApplier.DomainWait, waiting.RetryAfter);
        Assert.Contains("12130", waiting.Error, StringComparison.Ordinal);
        Assert.Empty(await AppsAsync(edge));

        await edge.Client.Tunnels.PutConfigurationAsync(EdgeHarness.Account, EdgeHarness.TunnelId, new Models.TunnelConfig(
            [new Models.TunnelIngressRule("http://grafana.monitoring:3000", Domain), new Models.TunnelIngressRule("http_status:404")]));
        var served = await rig.ApplyAsync(ResourceType.AccessApplication, Domain, App(), Ours);
        Assert.True(served.Succeeded, served.Error);
        Assert.Single(await AppsAsync(edge));
    }

    // Only Access's invalid-request code waits; any other refusal is the user's to fix and fails at once.
    [Fact]
    public async Task Another_refusal_of_the_app_is_permanent()
    {
        await using var edge = await ServedAsync();
        await using var rig = new ApplierRig(edge);
        edge.Emulator.Faults.Add(new FaultRule("accounts/*/access/apps", "POST", Status: 400, ErrorCode: 12131));

        var refused = await rig.ApplyAsync(ResourceType.AccessApplication, Domain, App(), Ours);
        Assert.Equal(ApplyFailure.Permanent, refused.Failure);
        Assert.Null(refused.RetryAfter);
    }

    [Fact]
    public async Task Embedded_policies_are_compared_in_cloudflares_form_and_a_changed_policy_is_written()
    {
        await using var edge = await ServedAsync();
        await using var rig = new ApplierRig(edge);
        var id = (await rig.ApplyAsync(ResourceType.AccessApplication, Domain, App(), Ours)).AppliedAs;
        var policy = Assert.IsType<JsonObject>(Assert.IsType<JsonArray>(JsonNode.Parse(edge.Journal[^1].ResponseBody!)!["result"]!["policies"])[0]);
        Assert.NotNull(policy["id"]);

        var mark = edge.Journal.Count;
        Assert.Equal(id, (await rig.ApplyAsync(ResourceType.AccessApplication, Domain, App(), Ours with { AppliedAs = id })).AppliedAs);
        Assert.Empty(rig.WritesSince(mark));

        var denied = await rig.ApplyAsync(ResourceType.AccessApplication, Domain, App(decision: "deny"), Ours with { AppliedAs = id });
        Assert.True(denied.Succeeded, denied.Error);
        Assert.Single(rig.WritesSince(mark));
        var sent = JsonNode.Parse(edge.Journal.Last(e => e.Method == "PUT").RequestBody!)!;
        Assert.Equal("deny", sent["policies"]![0]!["decision"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_drift_check_reports_a_dashboard_edit_and_repairs_it_only_when_told_to()
    {
        await using var edge = await ServedAsync();
        await using var rig = new ApplierRig(edge);
        var id = (await rig.ApplyAsync(ResourceType.AccessApplication, Domain, App(), Ours)).AppliedAs!;
        var dashboardEdit = App("720h");
        dashboardEdit["tags"] = new JsonArray("team-a", "cfsync-cfsync");
        await edge.Client.Access.UpdateAsync(EdgeHarness.Account, id, dashboardEdit);

        var mark = edge.Journal.Count;
        var reported = await rig.ApplyAsync(ResourceType.AccessApplication, Domain, App(), Ours with { AppliedAs = id, Purpose = ApplyPurpose.DriftCheck, RepairDrift = false });
        Assert.Equal($"Access application 'Grafana' ({Domain}) (id {id}): session_duration \"720h\" -> \"12h\"", reported.Drift);
        Assert.Empty(rig.WritesSince(mark));

        var repaired = await rig.ApplyAsync(ResourceType.AccessApplication, Domain, App(), Ours with { AppliedAs = id, Purpose = ApplyPurpose.DriftCheck });
        Assert.Equal(reported.Drift, repaired.Drift);
        Assert.Single(rig.WritesSince(mark));
        Assert.Equal("12h", Assert.Single(await AppsAsync(edge)).SessionDuration);

        var clean = await rig.ApplyAsync(ResourceType.AccessApplication, Domain, App(), Ours with { AppliedAs = id, Purpose = ApplyPurpose.DriftCheck });
        Assert.Null(clean.Drift);
    }
}
