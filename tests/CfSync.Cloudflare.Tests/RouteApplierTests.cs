using System.Text.Json.Nodes;
using CfSync.Cloudflare.Emulator.Control;
using CfSync.Cloudflare.Models;
using CfSync.Core.Resources;
using CfSync.Sync.Applying;
using CfSync.Sync.Orchestrations;

namespace CfSync.Cloudflare.Tests;

/// <summary>Network routes through the 1:1 applier: virtual networks by name, other networks and other owners left alone.</summary>
public sealed class RouteApplierTests
{
    private const string Network = "10.20.0.0/16";
    private const string OtherTunnel = "0c2a77f1-5b1e-4b55-9c1e-8d3f2a1b0c9d";
    private static readonly ApplyContext Ours = new(Owner: "NetworkRoute/office-lan");

    private static JsonObject Route(string tunnelId = EdgeHarness.TunnelId) => new()
    {
        ["network"] = Network,
        ["tunnel_id"] = tunnelId,
        ["comment"] = "office LAN",
    };

    private static async Task<IReadOnlyList<TunnelRoute>> RoutesAsync(EdgeHarness edge) =>
        (await edge.Client.Routes.ListPageAsync(EdgeHarness.Account)).Items;

    [Fact]
    public async Task A_route_on_the_same_cidr_in_another_virtual_network_is_left_alone_and_ours_is_created_in_its_own()
    {
        await using var edge = await EdgeHarness.StartAsync();
        await using var rig = new ApplierRig(edge);
        var seeded = edge.Emulator.Seed(new EmulatorSeed
        {
            VirtualNetworks = [new SeedVirtualNetwork(EdgeHarness.Account, "office"), new SeedVirtualNetwork(EdgeHarness.Account, "lab")],
        });
        var (office, lab) = (seeded.VirtualNetworks[0], seeded.VirtualNetworks[1]);
        var labRoute = edge.Emulator.Seed(new EmulatorSeed { Routes = [new SeedRoute(EdgeHarness.Account, Network, OtherTunnel, lab, "lab, made by hand")] }).Routes[0];

        var created = await rig.ApplyAsync(ResourceType.NetworkRoute, $"{Network}@office", Route(), Ours);
        Assert.True(created.Succeeded, created.Error);
        Assert.Empty(created.Conflicts);
        var routes = await RoutesAsync(edge);
        Assert.Equal(2, routes.Count);
        var ours = Assert.Single(routes, r => r.Id == created.AppliedAs);
        Assert.Equal((office, EdgeHarness.TunnelId), (ours.VirtualNetworkId, ours.TunnelId));
        Assert.Equal("office LAN [heritage=cfsync,cfsync/owner=cfsync,cfsync/resource=NetworkRoute/office-lan]", ours.Comment);
        var untouched = Assert.Single(routes, r => r.Id == labRoute);
        Assert.Equal((lab, OtherTunnel, "lab, made by hand"), (untouched.VirtualNetworkId, untouched.TunnelId, untouched.Comment));

        // Lost id, same body: found in its own network again, nothing written.
        var mark = edge.Journal.Count;
        Assert.Equal(created.AppliedAs, (await rig.ApplyAsync(ResourceType.NetworkRoute, $"{Network}@office", Route(), Ours)).AppliedAs);
        Assert.Empty(rig.WritesSince(mark));
    }

    [Fact]
    public async Task A_route_of_another_owner_is_never_repointed_and_never_deleted()
    {
        await using var edge = await EdgeHarness.StartAsync();
        await using var rig = new ApplierRig(edge);
        await using var other = new ApplierRig(edge, Installations.Owner("cluster-b"));
        var theirs = await other.ApplyAsync(ResourceType.NetworkRoute, Network, Route(OtherTunnel), new ApplyContext(Owner: "NetworkRoute/lan"));
        Assert.True(theirs.Succeeded, theirs.Error);

        var mark = edge.Journal.Count;
        var refused = await rig.ApplyAsync(ResourceType.NetworkRoute, Network, Route(), Ours);
        var deleted = await rig.ApplyAsync(ResourceType.NetworkRoute, Network, null, Ours);
        var conflict = Assert.Single(refused.Conflicts);
        Assert.Contains($"network route {Network} in virtual network", conflict.Reason, StringComparison.Ordinal);
        Assert.Contains(theirs.AppliedAs!, conflict.Reason, StringComparison.Ordinal);
        Assert.Contains("'cluster-b'", conflict.Reason, StringComparison.Ordinal);
        Assert.True(deleted.Succeeded);
        Assert.Empty(rig.WritesSince(mark));
        Assert.Equal(OtherTunnel, Assert.Single(await RoutesAsync(edge)).TunnelId);
    }

    [Fact]
    public async Task Our_route_is_patched_when_it_differs_and_deleted_with_its_source()
    {
        await using var edge = await EdgeHarness.StartAsync();
        await using var rig = new ApplierRig(edge);
        var id = (await rig.ApplyAsync(ResourceType.NetworkRoute, Network, Route(), Ours)).AppliedAs;

        var mark = edge.Journal.Count;
        var moved = await rig.ApplyAsync(ResourceType.NetworkRoute, Network, Route(OtherTunnel), Ours with { AppliedAs = id });
        Assert.Equal(id, moved.AppliedAs);
        Assert.Equal([$"PATCH /accounts/{EdgeHarness.Account}/teamnet/routes/{id}"], rig.WritesSince(mark));
        Assert.Equal(OtherTunnel, Assert.Single(await RoutesAsync(edge)).TunnelId);

        var deleted = await rig.ApplyAsync(ResourceType.NetworkRoute, Network, null, Ours with { AppliedAs = id });
        Assert.True(deleted.Succeeded, deleted.Error);
        Assert.Null(deleted.AppliedAs);
        Assert.Empty(await RoutesAsync(edge));
    }

    [Fact]
    public async Task An_unknown_virtual_network_is_a_permanent_error_naming_it()
    {
        await using var edge = await EdgeHarness.StartAsync();
        await using var rig = new ApplierRig(edge);

        var result = await rig.ApplyAsync(ResourceType.NetworkRoute, $"{Network}@nowhere", Route(), Ours);
        Assert.Equal(ApplyFailure.Permanent, result.Failure);
        Assert.Contains("virtual network 'nowhere' does not exist", result.Error, StringComparison.Ordinal);
        Assert.Empty(rig.WritesSince(0));
    }
}
