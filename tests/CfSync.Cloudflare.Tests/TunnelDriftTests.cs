using System.Text.Json.Nodes;
using CfSync.Cloudflare.Models;
using CfSync.Core.Resources;
using CfSync.Sync.Applying;

namespace CfSync.Cloudflare.Tests;

/// <summary>The tunnel configuration's drift check: a dashboard edit is reported, and repaired unless the installation only reports.</summary>
public sealed class TunnelDriftTests
{
    private static readonly ApplyContext DriftCheck = new(Purpose: ApplyPurpose.DriftCheck);

    private static JsonObject Desired() => new()
    {
        ["config"] = new JsonObject
        {
            ["ingress"] = new JsonArray(
                new JsonObject { ["hostname"] = "app.example.com", ["service"] = "http://app.shop:80" },
                new JsonObject { ["service"] = "http_status:404" }),
            ["warp-routing"] = new JsonObject { ["enabled"] = true },
        },
    };

    private static Task<TunnelConfiguration> DashboardEditAsync(EdgeHarness edge) =>
        edge.Client.Tunnels.PutConfigurationAsync(EdgeHarness.Account, EdgeHarness.TunnelId, new TunnelConfig(
            [new TunnelIngressRule("http://app.shop:80", "app.example.com"), new TunnelIngressRule("http://admin:80", "admin.example.com"), new TunnelIngressRule("http_status:404")]));

    [Fact]
    public async Task A_dashboard_edit_is_reported_and_the_configuration_put_back()
    {
        await using var edge = await EdgeHarness.StartAsync();
        await using var rig = new ApplierRig(edge);
        Assert.True((await rig.ApplyAsync(ResourceType.TunnelConfiguration, EdgeHarness.TunnelId, Desired())).Succeeded);
        var edited = await DashboardEditAsync(edge);

        var mark = edge.Journal.Count;
        var repaired = await rig.ApplyAsync(ResourceType.TunnelConfiguration, EdgeHarness.TunnelId, Desired(), DriftCheck);
        Assert.True(repaired.Succeeded, repaired.Error);
        Assert.Equal(
            $"tunnel {EdgeHarness.TunnelId} configuration version {edited.Version} differs from what CfSync applied: hostnames added admin.example.com; warp-routing (none) (ours {{\"enabled\":true}})",
            repaired.Drift);
        Assert.Equal(edited.Version + 1, repaired.CloudflareVersion);
        Assert.Equal([$"PUT /accounts/{EdgeHarness.Account}/cfd_tunnel/{EdgeHarness.TunnelId}/configurations"], rig.WritesSince(mark));
        var now = await edge.Client.Tunnels.GetConfigurationAsync(EdgeHarness.Account, EdgeHarness.TunnelId);
        Assert.True(JsonNode.DeepEquals(Desired()["config"], now!.Config));

        var clean = await rig.ApplyAsync(ResourceType.TunnelConfiguration, EdgeHarness.TunnelId, Desired(), DriftCheck);
        Assert.Null(clean.Drift);
        Assert.Single(rig.WritesSince(mark));
    }

    [Fact]
    public async Task With_repair_off_the_drift_is_only_reported()
    {
        await using var edge = await EdgeHarness.StartAsync();
        await using var rig = new ApplierRig(edge);
        await rig.ApplyAsync(ResourceType.TunnelConfiguration, EdgeHarness.TunnelId, Desired());
        var edited = await DashboardEditAsync(edge);

        var mark = edge.Journal.Count;
        var reported = await rig.ApplyAsync(ResourceType.TunnelConfiguration, EdgeHarness.TunnelId, Desired(), DriftCheck with { RepairDrift = false });
        Assert.True(reported.Succeeded, reported.Error);
        Assert.Contains("hostnames added admin.example.com", reported.Drift, StringComparison.Ordinal);
        Assert.Empty(rig.WritesSince(mark));
        Assert.Equal(edited.Version, (await edge.Client.Tunnels.GetConfigurationAsync(EdgeHarness.Account, EdgeHarness.TunnelId))!.Version);
    }

    [Fact]
    public async Task A_change_is_a_blind_put_without_reading_first()
    {
        await using var edge = await EdgeHarness.StartAsync();
        await using var rig = new ApplierRig(edge);
        var result = await rig.ApplyAsync(ResourceType.TunnelConfiguration, EdgeHarness.TunnelId, Desired());
        Assert.True(result.Succeeded, result.Error);
        Assert.Null(result.Drift);
        Assert.Equal(["PUT"], edge.Journal.Select(e => e.Method));
    }
}
