using CfSync.Core.Fragments;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Core.Tunnels;
using CfSync.Sync.Entities;
using CfSync.Sync.Sources;
using CfSync.Testing;
using Microsoft.DurableTask.Entities;

namespace CfSync.Monitor.Tests;

/// <summary>
/// Entity states as the task hub stores them, from one real engine run: a tunnel fed by its ClusterTunnel, an Ingress
/// accepted with a warning, one in conflict over the same hostname and one the producer rejected, synced to the
/// emulator; and a tunnel Cloudflare does not have, whose sync fails. What is kept is each entity's stored input (the scheduler state whose <c>state</c> is the entity's JSON),
/// the very text the Monitor reads.
/// </summary>
public sealed class EngineStates : IAsyncLifetime
{
    public const string Warning = "spec.tls is read but not applied: Cloudflare terminates TLS at the edge";

    public const string RejectedReason = "spec.rules[0].http.paths[0].backend.service.port: no port named 'web' on Service shop/missing";

    private readonly TaskHubFixture hub = new();

    public static Source Shop { get; } = new("Ingress", "shop", "shop");

    public static Source Rival { get; } = new("Ingress", "shop", "shop-copy");

    public static Source Broken { get; } = new("Ingress", "shop", "broken");

    public string TunnelId { get; private set; } = null!;

    public ResourceSyncState Resource { get; private set; } = null!;

    /// <summary>A tunnel the emulator does not know: its sync fails.</summary>
    public string MissingTunnelId { get; } = Guid.NewGuid().ToString();

    public ResourceSyncState Failed { get; private set; } = null!;

    /// <summary>Stored input of the missing tunnel's <c>cloudflareresource</c> entity.</summary>
    public string FailedInput { get; private set; } = null!;

    /// <summary>Stored input of the tunnel's <c>cloudflareresource</c> entity.</summary>
    public string ResourceInput { get; private set; } = null!;

    /// <summary>Stored input of the <see cref="Shop"/> Ingress's <c>kubernetessource</c> entity.</summary>
    public string SourceInput { get; private set; } = null!;

    public static string InstanceIdOf(EntityInstanceId entity) => entity.ToString();

    public static EntityInstanceId ResourceEntity(string tunnelId) =>
        new(ResourceEntityKey.EntityName, ResourceEntityKey.Format(new ResourceIdentity(ResourceType.TunnelConfiguration, tunnelId)));

    public async Task InitializeAsync()
    {
        await hub.InitializeAsync();
        await using var rig = await EngineRig.StartAsync(hub.CreateOptions(), options => options.DebounceQuietWindow = TimeSpan.FromMilliseconds(500));
        TunnelId = rig.NewTunnel();
        var tunnel = new ResourceIdentity(ResourceType.TunnelConfiguration, TunnelId);
        var scope = new ResourceScope(EngineRig.AccountId);
        SourceContribution Serving(string host, string service) =>
            new(tunnel, scope) { Fragment = new IngressRulesFragment([new IngressRule(host, null, service)]) };

        await rig.Sources.ApplyAsync(new SourceTranslation(new Source("ClusterTunnel", null, "edge"), "uid-edge", "1",
            [new SourceContribution(tunnel, scope) { Fragment = new TunnelSettingsFragment(true) }]));
        await rig.Sources.ApplyAsync(new SourceTranslation(Shop, "uid-shop", "2",
            [Serving("shop.example.com", "http://web.shop.svc:80") with { Warnings = [Warning], CreatedAt = DateTimeOffset.Parse("2025-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture) }]));
        await rig.Sources.ApplyAsync(new SourceTranslation(Rival, "uid-rival", "3",
            [Serving("shop.example.com", "http://copy.shop.svc:80") with { CreatedAt = DateTimeOffset.Parse("2025-06-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture) }]));
        await rig.Sources.ApplyAsync(new SourceTranslation(Broken, "uid-broken", "4", [new SourceContribution(tunnel, scope) { Reasons = [RejectedReason] }]));

        await rig.Sources.ApplyAsync(new SourceTranslation(new Source("Ingress", "shop", "lost"), "uid-lost", "5",
            [new SourceContribution(new ResourceIdentity(ResourceType.TunnelConfiguration, MissingTunnelId), scope)
            {
                Fragment = new IngressRulesFragment([new IngressRule("lost.example.com", null, "http://lost.shop.svc:80")]),
            }]));

        Resource = await rig.WaitForStateAsync(
            TunnelId,
            s => s is { SyncStatus: SyncStatus.Synced, InFlight: null, FollowUp: false, Debounce.DirtySince: null, Mirror: { InFlight: null, Pending: false } } && s.Sources.Count == 4,
            TimeSpan.FromSeconds(90),
            "the tunnel to settle with its four sources");
        Failed = await rig.WaitForStateAsync(
            MissingTunnelId, s => s is { SyncStatus: SyncStatus.Failed, InFlight: null, Mirror: { InFlight: null, Pending: false } }, TimeSpan.FromSeconds(90), "the missing tunnel's sync to fail");
        ResourceInput = await StoredInputAsync(rig, ResourceEntity(TunnelId));
        FailedInput = await StoredInputAsync(rig, ResourceEntity(MissingTunnelId));
        SourceInput = await StoredInputAsync(rig, SourceClient.EntityOf(Shop));
    }

    public Task DisposeAsync() => hub.DisposeAsync();

    private static async Task<string> StoredInputAsync(EngineRig rig, EntityInstanceId entity)
    {
        var instance = await rig.Host.Client.GetInstanceAsync(InstanceIdOf(entity), getInputsAndOutputs: true);
        Assert.NotNull(instance);
        return instance.SerializedInput ?? throw new InvalidOperationException($"{entity} has no stored input.");
    }
}
