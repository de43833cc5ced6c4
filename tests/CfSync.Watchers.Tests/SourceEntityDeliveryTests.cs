using System.Globalization;
using System.Text.Json.Nodes;
using CfSync.Core.Sources;
using CfSync.Sync.Sources;
using CfSync.Testing;
using CfSync.Watchers.Changes;
using CfSync.Watchers.Watching;

namespace CfSync.Watchers.Tests;

/// <summary>
/// The watcher's last step on the real engine (DTFx on Azurite): its signals reach the source entities, and the sweep
/// reads them back.
/// </summary>
public sealed class SourceEntityDeliveryTests : ClusterRig
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly Source ShopIngress = new("Ingress", "shop", "shop");

    private readonly TaskHubFixture _hub = new();
    private EngineRig _engine = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await _hub.InitializeAsync();
        _engine = await EngineRig.StartAsync(_hub.CreateOptions(), _ => { });
    }

    public override async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        await _hub.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_translation_then_a_missed_deletion_reach_the_source_entity_through_the_sweep()
    {
        await ApplySamplesAsync();
        var signals = new SourceClientSignals(_engine.Sources);
        var sources = new SourceEntities(_engine.Sources);
        var revision = Server.CurrentResourceVersion.ToString(CultureInfo.InvariantCulture);
        var uid = Uid((await GetAsync("networking.k8s.io/v1", "Ingress", "shop", "shop"))!);

        await Watcher.HandleAsync(ChangeMessages.Write(new ChangeBatch([Change("networking.k8s.io", "Ingress", "shop", "shop")])), signals, sources, CancellationToken.None);

        await Eventually.AssertAsync(async () =>
        {
            var state = await _engine.Sources.GetStateAsync(ShopIngress);
            Assert.NotNull(state);
            Assert.Equal((uid, revision), (state.Uid, state.ResourceVersion));
            Assert.Contains(state.Fed.Keys, k => k.Contains("6ff42ae2-765d-4adf-8112-31c55c1551ef", StringComparison.Ordinal));
        }, Patience);

        // A delete the watchers never saw: the finalizer taken off by hand, the object gone.
        await PatchAsync("networking.k8s.io/v1", "Ingress", "shop", "shop", new JsonObject { ["metadata"] = new JsonObject { ["finalizers"] = null } });
        await DeleteAsync("networking.k8s.io/v1", "Ingress", "shop", "shop");
        await Watcher.HandleAsync(ChangeMessages.Write(new ChangeBatch([]) { Sweep = true }), signals, sources, CancellationToken.None);

        await Eventually.AssertAsync(async () => Assert.True((await _engine.Sources.GetStateAsync(ShopIngress))?.Deleted), Patience);
    }
}
