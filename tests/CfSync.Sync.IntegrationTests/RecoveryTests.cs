using System.Text.Json.Nodes;
using CfSync.Cloudflare.Emulator.Control;
using CfSync.Core.Fragments;
using CfSync.Core.Hashing;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Core.Tunnels;
using CfSync.Sync.Entities;
using CfSync.Testing;

namespace CfSync.Sync.IntegrationTests;

/// <summary>One engine whose leases and timeouts are short enough to watch recovery happen within a test.</summary>
public sealed class RecoveryEngineFixture : IAsyncLifetime
{
    private readonly TaskHubFixture hub = new();

    public EngineRig Rig { get; private set; } = null!;

    internal ScriptedStatusSink Sink { get; } = new();

    public async Task InitializeAsync()
    {
        await hub.InitializeAsync();
        Rig = await EngineRig.StartAsync(
            hub.CreateOptions(o => o.WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(20)),
            options =>
            {
                options.DebounceQuietWindow = TimeSpan.FromMilliseconds(500);
                options.MaxAttempts = 3;
                options.FirstRetryDelay = TimeSpan.FromMilliseconds(200);
                options.MaxRetryDelay = TimeSpan.FromSeconds(1);
                options.ApplyTimeout = TimeSpan.FromSeconds(3);
                options.MaxRateLimitWait = TimeSpan.FromSeconds(12);
                options.MirrorTimeout = TimeSpan.FromSeconds(2);
                options.LeaseMargin = TimeSpan.FromSeconds(1);
                options.FirstMirrorRetryDelay = TimeSpan.FromSeconds(1);
                options.MaxMirrorRetryDelay = TimeSpan.FromSeconds(2);
            },
            Sink,
            cloudflare => cloudflare.Retry.MaxRetryAfter = TimeSpan.FromSeconds(1));
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
/// Nothing that goes wrong after a sync starts may keep a tunnel from syncing again (issue 8): a status sink that
/// throws or hangs, an orchestration terminated from outside, a 429 with a retry-after longer than every retry. Each
/// time the next change still reaches Cloudflare, read from the emulator.
/// </summary>
public sealed class RecoveryTests(RecoveryEngineFixture engine) : IClassFixture<RecoveryEngineFixture>
{
    private static long sequence;

    private static SourceVersion Next() => new("uid", Interlocked.Increment(ref sequence));

    private static ResourceIdentity Tunnel(string tunnelId) => new(ResourceType.TunnelConfiguration, tunnelId);

    private async Task Rules(string tunnelId, string host)
    {
        await engine.Rig.Host.Client.RegisterConfigAsync(Tunnel(tunnelId), new SourceRegistration(new Source("ClusterTunnel", null, "edge"), new SourceVersion("t", 1), new TunnelSettingsFragment(false))
        {
            Scope = new ResourceScope(EngineRig.AccountId),
        });
        await engine.Rig.Host.Client.RegisterConfigAsync(Tunnel(tunnelId), new SourceRegistration(
            new Source("Ingress", "apps", "web"), Next(), new IngressRulesFragment([new IngressRule(host, null, "http://web.apps.svc:80")])));
    }

    private async Task<string[]> AppliedHostsAsync(string tunnelId) =>
        (await engine.Rig.AppliedConfigAsync(tunnelId))["ingress"]!.AsArray().Select(r => (string?)r!["hostname"] ?? "*").ToArray();

    private Task<ResourceSyncState> SyncedAsync(string tunnelId, string host, TimeSpan timeout) =>
        engine.Rig.WaitForStateAsync(
            tunnelId,
            s => s is { SyncStatus: SyncStatus.Synced, InFlight: null } && s.LastAppliedHash == s.ConfigHash && s.Desired!.Json.Contains(host, StringComparison.Ordinal),
            timeout,
            $"{host} to be applied");

    [Fact]
    public async Task A_status_sink_that_throws_is_recorded_and_retried_and_never_blocks_the_next_sync()
    {
        var tunnelId = engine.Rig.NewTunnel();
        engine.Sink.Set(tunnelId, ScriptedStatusSink.Behaviour.Throw);
        await Rules(tunnelId, "one.example.com");
        await SyncedAsync(tunnelId, "one.example.com", TimeSpan.FromSeconds(30));
        var failing = await engine.Rig.WaitForStateAsync(tunnelId, s => s.Mirror is { LastError: not null, ConsecutiveFailures: >= 2 }, TimeSpan.FromSeconds(30), "the mirror to fail and be retried");
        Assert.Contains("Connection refused", failing.Mirror.LastError, StringComparison.Ordinal);

        await Rules(tunnelId, "two.example.com");
        await SyncedAsync(tunnelId, "two.example.com", TimeSpan.FromSeconds(30));
        Assert.Equal(["two.example.com", "*"], await AppliedHostsAsync(tunnelId));

        // The API server is back: the next retry writes the latest outcome, and the failure is cleared.
        engine.Sink.Set(tunnelId, ScriptedStatusSink.Behaviour.Write);
        var healed = await engine.Rig.WaitForStateAsync(tunnelId, s => s.Mirror is { LastError: null, LastMirroredAt: not null }, TimeSpan.FromSeconds(30), "the mirror to heal");
        var report = engine.Sink.Written.Last(r => r.Resource.CloudflareId == tunnelId);
        Assert.Equal(healed.ConfigHash, report.ConfigHash);
        Assert.Contains("two.example.com", report.Desired!.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_status_sink_that_hangs_past_its_timeout_is_abandoned_and_the_next_change_still_syncs()
    {
        var tunnelId = engine.Rig.NewTunnel();
        engine.Sink.Set(tunnelId, ScriptedStatusSink.Behaviour.Hang);
        await Rules(tunnelId, "one.example.com");
        var hung = await engine.Rig.WaitForStateAsync(tunnelId, s => s.Mirror.LastError is not null, TimeSpan.FromSeconds(30), "the hanging mirror to time out");
        Assert.Contains("took longer than", hung.Mirror.LastError, StringComparison.Ordinal);

        await Rules(tunnelId, "two.example.com");
        await SyncedAsync(tunnelId, "two.example.com", TimeSpan.FromSeconds(30));
        Assert.Equal(["two.example.com", "*"], await AppliedHostsAsync(tunnelId));
    }

    [Fact]
    public async Task An_orchestration_terminated_from_outside_is_recovered_when_its_lease_runs_out()
    {
        var tunnelId = engine.Rig.NewTunnel();
        engine.Rig.Emulator.Faults.Add(new FaultRule($"accounts/*/cfd_tunnel/{tunnelId}/configurations", "PUT", Count: 1, LatencyMs: 2500));
        await Rules(tunnelId, "one.example.com");
        var syncing = await engine.Rig.WaitForStateAsync(tunnelId, s => s.InFlight is not null, TimeSpan.FromSeconds(30), "the sync to start");
        await engine.Rig.Host.Client.TerminateInstanceAsync(syncing.InFlight!.InstanceId, "an operator's mistake");
        await Rules(tunnelId, "two.example.com");

        var state = await SyncedAsync(tunnelId, "two.example.com", TimeSpan.FromSeconds(90));
        Assert.NotEqual(syncing.InFlight.InstanceId, state.InFlight?.InstanceId);
        Assert.Equal(["two.example.com", "*"], await AppliedHostsAsync(tunnelId));
        Assert.True(state.SyncCount >= 2);
    }

    [Fact]
    public async Task A_429_with_a_retry_after_longer_than_every_retry_is_waited_out_without_spending_attempts()
    {
        var tunnelId = engine.Rig.NewTunnel();
        // Every durable retry (0.2 s, 0.4 s) would come while the gate is closed: only waiting out the 8 s works.
        engine.Rig.Emulator.Faults.Add(new FaultRule($"accounts/*/cfd_tunnel/{tunnelId}/configurations", "PUT", Count: 1, Status: 429, RetryAfterSeconds: 8));
        await Rules(tunnelId, "one.example.com");

        var state = await SyncedAsync(tunnelId, "one.example.com", TimeSpan.FromSeconds(60));
        var puts = engine.Rig.PutsTo(tunnelId);
        Assert.Equal(new int?[] { 429, 200 }, puts.Select(p => p.Status));
        Assert.True(puts[1].Timestamp - puts[0].Timestamp >= TimeSpan.FromSeconds(7), "the second PUT came before the retry-after ran out");
        Assert.Equal(1, state.Attempts);
        Assert.Equal(["one.example.com", "*"], await AppliedHostsAsync(tunnelId));
    }

    [Fact]
    public async Task The_body_cloudflare_receives_is_byte_for_byte_the_body_the_entity_hashed()
    {
        var tunnelId = engine.Rig.NewTunnel();
        await engine.Rig.Host.Client.RegisterConfigAsync(Tunnel(tunnelId), new SourceRegistration(new Source("ClusterTunnel", null, "edge"), new SourceVersion("t", 1), new TunnelSettingsFragment(false))
        {
            Scope = new ResourceScope(EngineRig.AccountId),
        });
        await engine.Rig.Host.Client.RegisterConfigAsync(Tunnel(tunnelId), new SourceRegistration(
            new Source("Ingress", "apps", "api"), Next(), new IngressRulesFragment([new IngressRule("api.example.com", "^/v[0-9]+/items", "http://api.apps.svc:80")])));

        var state = await SyncedAsync(tunnelId, "api.example.com", TimeSpan.FromSeconds(30));
        var sent = Assert.Single(engine.Rig.PutsTo(tunnelId)).RequestBody!;
        Assert.Contains("[0-9]+", sent, StringComparison.Ordinal);
        Assert.Equal(state.ConfigHash, ConfigHash.Of(System.Text.Encoding.UTF8.GetBytes(sent)));
        Assert.Equal(state.Desired!.Json, sent);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(sent)!["config"], await engine.Rig.AppliedConfigAsync(tunnelId)));
    }
}
