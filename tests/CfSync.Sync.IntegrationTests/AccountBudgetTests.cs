using CfSync.Core.Fragments;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Core.Tunnels;
using CfSync.Sync.Budget;
using CfSync.Sync.Entities;
using CfSync.Testing;

namespace CfSync.Sync.IntegrationTests;

/// <summary>An engine whose account budget is small enough to run out within a test.</summary>
public sealed class BudgetEngineFixture : IAsyncLifetime
{
    public static readonly AccountBudgetOptions Budget = new() { PermitLimit = 3, Window = TimeSpan.FromSeconds(12), ReaskInterval = TimeSpan.FromSeconds(3) };

    private readonly TaskHubFixture hub = new();

    public EngineRig Rig { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await hub.InitializeAsync();
        Rig = await EngineRig.StartAsync(
            hub.CreateOptions(o => o.WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(20)),
            options =>
            {
                options.DebounceQuietWindow = TimeSpan.FromMilliseconds(500);
                options.AccountBudget = Budget;
            });
    }

    public async Task DisposeAsync()
    {
        if (Rig is not null)
        {
            await Rig.DisposeAsync();
        }

        await hub.DisposeAsync();
    }
}

/// <summary>
/// The account budget on the real Durable Task backend: many tunnels change at once, every one of them reaches
/// Cloudflare in turn, and the calls the emulator received never exceed the budget in any window.
/// </summary>
public sealed class AccountBudgetTests(BudgetEngineFixture engine) : IClassFixture<BudgetEngineFixture>
{
    private static ResourceIdentity Tunnel(string tunnelId) => new(ResourceType.TunnelConfiguration, tunnelId);

    private async Task Rules(string tunnelId, long sequence, string host)
    {
        await engine.Rig.Host.Client.RegisterConfigAsync(Tunnel(tunnelId), new SourceRegistration(new Source("ClusterTunnel", null, "edge"), new SourceVersion("t", 1), new TunnelSettingsFragment(false))
        {
            Scope = new ResourceScope(EngineRig.AccountId),
        });
        await engine.Rig.Host.Client.RegisterConfigAsync(Tunnel(tunnelId), new SourceRegistration(
            new Source("Ingress", "apps", "web"), new SourceVersion("web", sequence), new IngressRulesFragment([new IngressRule(host, null, "http://web.apps.svc:80")])));
    }

    [Fact]
    public async Task Seven_tunnels_changing_at_once_all_sync_in_turn_and_no_window_exceeds_the_budget()
    {
        var tunnels = Enumerable.Range(0, 7).Select(_ => engine.Rig.NewTunnel()).ToList();
        engine.Rig.Emulator.Journal.Clear();

        await Task.WhenAll(tunnels.Select(t => Rules(t, 1, $"one-{t[..8]}.example.com")));
        await Eventually.TrueAsync(() => Task.FromResult(tunnels.Count(t => engine.Rig.PutsTo(t).Count > 0) >= BudgetEngineFixture.Budget.PermitLimit), TimeSpan.FromSeconds(30), "the first tunnels to sync");

        // Those still waiting for a permit change again: the grant sends what is current then, in one PUT.
        var waiting = tunnels.Where(t => engine.Rig.PutsTo(t).Count == 0).ToList();
        Assert.NotEmpty(waiting);
        await Task.WhenAll(waiting.Select(t => Rules(t, 2, $"two-{t[..8]}.example.com")));

        foreach (var tunnel in tunnels)
        {
            var host = waiting.Contains(tunnel) ? $"two-{tunnel[..8]}.example.com" : $"one-{tunnel[..8]}.example.com";
            await engine.Rig.WaitForStateAsync(
                tunnel,
                s => s is { SyncStatus: SyncStatus.Synced, InFlight: null, Permit: null } && s.LastAppliedHash == s.ConfigHash && s.Desired!.Json.Contains(host, StringComparison.Ordinal),
                TimeSpan.FromSeconds(90),
                $"{host} to be applied");
        }

        Assert.All(waiting, t => Assert.Contains("two-", Assert.Single(engine.Rig.PutsTo(t)).RequestBody, StringComparison.Ordinal));

        var calls = engine.Rig.Emulator.Journal.Snapshot().OrderBy(e => e.Timestamp).ToList();
        Assert.True(calls.Count >= tunnels.Count, $"{calls.Count} calls for {tunnels.Count} tunnels");
        foreach (var call in calls)
        {
            var inWindow = calls.Count(c => c.Timestamp > call.Timestamp - BudgetEngineFixture.Budget.Window && c.Timestamp <= call.Timestamp);
            Assert.True(inWindow <= BudgetEngineFixture.Budget.PermitLimit, $"{inWindow} calls reached Cloudflare in the window ending {call.Timestamp:O}");
        }
    }
}
