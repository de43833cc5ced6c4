using System.Text.Json.Nodes;
using CfSync.Cloudflare.Emulator.Control;
using CfSync.Core.Resources;
using CfSync.Sync.Applying;

namespace CfSync.Cloudflare.Tests;

/// <summary>Gateway rules through the 1:1 applier: found by name, marked in the description, written only when they differ.</summary>
public sealed class GatewayRuleApplierTests
{
    private const string Source = "GatewayRule/block-gambling";
    private static readonly ApplyContext Ours = new(Owner: Source);

    private static JsonObject Rule(string action = "block") => new()
    {
        ["name"] = "Block gambling",
        ["description"] = "no betting at work",
        ["action"] = action,
        ["enabled"] = true,
        ["filters"] = new JsonArray("dns"),
        ["traffic"] = "any(dns.content_category[*] in {99})",
        ["rule_settings"] = new JsonObject { ["block_page_enabled"] = true },
    };

    [Fact]
    public async Task A_rule_is_created_once_found_by_name_when_its_id_is_lost_and_rewritten_only_when_it_differs()
    {
        await using var edge = await EdgeHarness.StartAsync();
        await using var rig = new ApplierRig(edge);

        var created = await rig.ApplyAsync(ResourceType.GatewayRules, "Block gambling", Rule(), Ours);
        Assert.True(created.Succeeded, created.Error);
        var id = Assert.IsType<string>(created.AppliedAs);
        var rule = Assert.Single(await edge.Client.Gateway.ListAsync(EdgeHarness.Account));
        Assert.Equal("no betting at work [heritage=cfsync,cfsync/owner=cfsync,cfsync/resource=GatewayRule/block-gambling]", rule.Description);

        var mark = edge.Journal.Count;
        var again = await rig.ApplyAsync(ResourceType.GatewayRules, "Block gambling", Rule(), Ours with { AppliedAs = id });
        var lost = await rig.ApplyAsync(ResourceType.GatewayRules, "Block gambling", Rule(), Ours);
        Assert.Equal((id, id), (again.AppliedAs, lost.AppliedAs));
        Assert.Empty(rig.WritesSince(mark));

        var changed = await rig.ApplyAsync(ResourceType.GatewayRules, "Block gambling", Rule("allow"), Ours with { AppliedAs = id });
        Assert.True(changed.Succeeded, changed.Error);
        Assert.Equal([$"PUT /accounts/{EdgeHarness.Account}/gateway/rules/{id}"], rig.WritesSince(mark));
        Assert.Equal("allow", Assert.Single(await edge.Client.Gateway.ListAsync(EdgeHarness.Account)).Action);
    }

    [Fact]
    public async Task A_rule_of_the_same_name_made_in_the_dashboard_is_a_conflict_until_the_source_adopts_it()
    {
        await using var edge = await EdgeHarness.StartAsync();
        await using var rig = new ApplierRig(edge);
        var dashboard = edge.Emulator.Seed(new EmulatorSeed { GatewayRules = [new SeedGatewayRule(EdgeHarness.Account, "Block gambling", "allow")] }).GatewayRules[0];

        var mark = edge.Journal.Count;
        var refused = await rig.ApplyAsync(ResourceType.GatewayRules, "Block gambling", Rule(), Ours);
        Assert.True(refused.Succeeded);
        Assert.Null(refused.AppliedAs);
        var conflict = Assert.Single(refused.Conflicts);
        Assert.Equal(Source, conflict.SourceKey);
        Assert.Contains(dashboard, conflict.Reason, StringComparison.Ordinal);
        Assert.Contains("'Block gambling'", conflict.Reason, StringComparison.Ordinal);
        Assert.Contains("networking.cloudflare-operator.io/adopt", conflict.Reason, StringComparison.Ordinal);
        Assert.Empty(rig.WritesSince(mark));
        Assert.Equal("allow", Assert.Single(await edge.Client.Gateway.ListAsync(EdgeHarness.Account)).Action);

        var adopted = await rig.ApplyAsync(ResourceType.GatewayRules, "Block gambling", Rule(), Ours with { Adopt = true });
        Assert.Equal(dashboard, adopted.AppliedAs);
        var rule = Assert.Single(await edge.Client.Gateway.ListAsync(EdgeHarness.Account));
        Assert.Equal("block", rule.Action);
        Assert.Contains("cfsync/owner=cfsync", rule.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_removes_our_rule_and_leaves_anyone_elses()
    {
        await using var edge = await EdgeHarness.StartAsync();
        await using var rig = new ApplierRig(edge);
        await using var other = new ApplierRig(edge, Installations.Owner("cluster-b"));
        var ours = await rig.ApplyAsync(ResourceType.GatewayRules, "Block gambling", Rule(), Ours);
        var theirs = Rule();
        theirs["name"] = "Block malware";
        var foreign = await other.ApplyAsync(ResourceType.GatewayRules, "Block malware", theirs, new ApplyContext(Owner: "GatewayRule/block-malware"));

        var deleted = await rig.ApplyAsync(ResourceType.GatewayRules, "Block gambling", null, Ours with { AppliedAs = ours.AppliedAs });
        Assert.True(deleted.Succeeded, deleted.Error);
        Assert.Null(deleted.AppliedAs);

        var mark = edge.Journal.Count;
        var notOurs = await rig.ApplyAsync(ResourceType.GatewayRules, "Block malware", null, Ours);
        var byForeignId = await rig.ApplyAsync(ResourceType.GatewayRules, "Block malware", null, Ours with { AppliedAs = foreign.AppliedAs });
        Assert.True(notOurs.Succeeded && byForeignId.Succeeded);
        Assert.Empty(rig.WritesSince(mark));
        Assert.Equal("Block malware", Assert.Single(await edge.Client.Gateway.ListAsync(EdgeHarness.Account)).Name);
    }
}
