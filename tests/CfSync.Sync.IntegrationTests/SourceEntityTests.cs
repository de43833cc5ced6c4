using System.Text.Json.Nodes;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Core.Tunnels;
using CfSync.Sync.Entities;
using CfSync.Sync.Sources;
using CfSync.Testing;

namespace CfSync.Sync.IntegrationTests;

/// <summary>
/// The producers' path on the real backend (DTFx + Azure Storage on Azurite): a translation signalled to a source
/// entity reaches the resource entities it names, and Cloudflare (the emulator) ends with exactly what the sources say.
/// </summary>
public sealed class SourceEntityTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static ResourceIdentity Tunnel(string tunnelId) => new(ResourceType.TunnelConfiguration, tunnelId);

    private static Source Ingress(string name) => new("Ingress", "shop", name);

    private static SourceTranslation Translation(Source source, string uid, string resourceVersion, string tunnelId, string host) =>
        new(source, uid, resourceVersion, [new SourceContribution(Tunnel(tunnelId), new ResourceScope(EngineRig.AccountId))
        {
            Fragment = new IngressRulesFragment([new IngressRule(host, null, "http://web.shop.svc:80")]),
        }]);

    /// <summary>A new tunnel with its ClusterTunnel's settings (which carry the account), through its own source entity.</summary>
    private async Task<string> NewTunnelAsync()
    {
        var tunnelId = engine.Rig.NewTunnel();
        await engine.Rig.Sources.ApplyAsync(new SourceTranslation(new Source("ClusterTunnel", null, $"edge-{tunnelId[..8]}"), $"tunnel-{tunnelId}", "1",
            [new SourceContribution(Tunnel(tunnelId), new ResourceScope(EngineRig.AccountId)) { Fragment = new TunnelSettingsFragment(false) }]));
        return tunnelId;
    }

    private static string[] Hostnames(JsonObject config) =>
        config["ingress"]!.AsArray().Select(r => (string?)r!["hostname"] ?? "*").ToArray();

    private async Task<SourceState> SourceStateAsync(Source source, Func<SourceState, bool> condition, string what)
    {
        SourceState? state = null;
        await Eventually.TrueAsync(async () => (state = await engine.Rig.Sources.GetStateAsync(source)) is not null && condition(state), Timeout, what);
        return state!;
    }

    private async Task<List<TrackedSource>> ListedAsync()
    {
        var listed = new List<TrackedSource>();
        await foreach (var tracked in engine.Rig.Sources.ListAsync())
        {
            listed.Add(tracked);
        }

        return listed;
    }

    [Fact]
    public async Task A_translation_reaches_the_resource_entity_and_cloudflare()
    {
        var tunnelId = await NewTunnelAsync();
        var source = Ingress($"web-{tunnelId[..8]}");

        await engine.Rig.Sources.ApplyAsync(Translation(source, "uid-1", "100", tunnelId, "web.example.com"));

        var state = await engine.SettledAsync(tunnelId, s => s.SyncStatus == SyncStatus.Synced && s.Sources.ContainsKey(source.Key));
        var entry = state.Sources[source.Key];
        Assert.Equal("uid-1", entry.Uid);
        Assert.NotNull(entry.Contribution);
        Assert.Equal(["web.example.com", "*"], Hostnames(await engine.Rig.AppliedConfigAsync(tunnelId)));
        var fed = await SourceStateAsync(source, s => s.Fed.Count == 1, "the source to record what it fed");
        Assert.Equal(Tunnel(tunnelId), fed.Fed.Values.Single().Resource);
        Assert.Equal(entry.Sequence, fed.Sequence);
    }

    [Fact]
    public async Task A_moved_ingress_leaves_nothing_in_the_old_tunnel()
    {
        var (oldTunnel, newTunnel) = (await NewTunnelAsync(), await NewTunnelAsync());
        var source = Ingress($"moved-{oldTunnel[..8]}");
        await engine.Rig.Sources.ApplyAsync(Translation(source, "uid-1", "100", oldTunnel, "moved.example.com"));
        await engine.SettledAsync(oldTunnel, s => s.SyncStatus == SyncStatus.Synced && s.Sources.ContainsKey(source.Key));

        await engine.Rig.Sources.ApplyAsync(Translation(source, "uid-1", "101", newTunnel, "moved.example.com"));

        await engine.SettledAsync(newTunnel, s => s.SyncStatus == SyncStatus.Synced && s.Sources.ContainsKey(source.Key));
        var old = await engine.SettledAsync(oldTunnel, s => s.SyncStatus == SyncStatus.Synced && s.Sources[source.Key].Deleted);
        Assert.Null(old.Sources[source.Key].Contribution);
        Assert.Equal(["*"], Hostnames(await engine.Rig.AppliedConfigAsync(oldTunnel)));
        Assert.Equal(["moved.example.com", "*"], Hostnames(await engine.Rig.AppliedConfigAsync(newTunnel)));
    }

    [Fact]
    public async Task A_deleted_object_leaves_nothing_anywhere_and_is_no_longer_listed()
    {
        var (tunnelA, tunnelB) = (await NewTunnelAsync(), await NewTunnelAsync());
        var source = Ingress($"gone-{tunnelA[..8]}");
        await engine.Rig.Sources.ApplyAsync(new SourceTranslation(source, "uid-1", "200",
            [.. Translation(source, "uid-1", "200", tunnelA, "a.example.com").Contributions, .. Translation(source, "uid-1", "200", tunnelB, "b.example.com").Contributions]));
        await engine.SettledAsync(tunnelA, s => s.SyncStatus == SyncStatus.Synced && s.Sources.ContainsKey(source.Key));
        await engine.SettledAsync(tunnelB, s => s.SyncStatus == SyncStatus.Synced && s.Sources.ContainsKey(source.Key));
        Assert.Contains(await ListedAsync(), t => t == new TrackedSource(source, "uid-1", "200"));

        await engine.Rig.Sources.DeleteAsync(new SourceDeletion(source, "uid-1", "201"));

        foreach (var tunnelId in new[] { tunnelA, tunnelB })
        {
            await engine.SettledAsync(tunnelId, s => s.SyncStatus == SyncStatus.Synced && s.Sources[source.Key].Deleted);
            Assert.Equal(["*"], Hostnames(await engine.Rig.AppliedConfigAsync(tunnelId)));
        }

        var state = await SourceStateAsync(source, s => s.Deleted, "the source to be deleted");
        Assert.Empty(state.Fed);
        Assert.Equal(new SourceTombstone("uid-1", "201", state.Tombstone!.DeletedAt), state.Tombstone);
        Assert.DoesNotContain(await ListedAsync(), t => t.Source == source);
    }

    [Fact]
    public async Task Tracked_sources_are_listed_with_their_uid_and_resource_version()
    {
        var tunnelId = await NewTunnelAsync();
        var sources = Enumerable.Range(0, 3).Select(i => Ingress($"listed-{i}-{tunnelId[..8]}")).ToList();
        await Task.WhenAll(sources.Select((s, i) => engine.Rig.Sources.ApplyAsync(Translation(s, $"uid-{i}", $"{300 + i}", tunnelId, $"l{i}.example.com"))));

        await engine.SettledAsync(tunnelId, s => sources.All(source => s.Sources.ContainsKey(source.Key)));
        var listed = await ListedAsync();
        Assert.All(sources.Select((s, i) => new TrackedSource(s, $"uid-{i}", $"{300 + i}")), expected => Assert.Contains(expected, listed));
    }
}
