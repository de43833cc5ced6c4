using System.Text.Json.Nodes;
using CfSync.Cloudflare.Emulator.Control;
using CfSync.Core.Fragments;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Core.Tunnels;
using CfSync.Sync.Entities;
using CfSync.Testing;

namespace CfSync.Sync.IntegrationTests;

/// <summary>
/// The engine end to end on the real Durable Task backend (DTFx + Azure Storage on Azurite) against the Cloudflare
/// emulator over HTTP. Every assertion about Cloudflare is read from the emulator's request journal or its state.
/// </summary>
public sealed class SyncEngineTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    private static readonly Source Tunnel = new("ClusterTunnel", null, "edge");

    private static long sequence;

    private static SourceVersion Next(string uid = "uid") => new(uid, Interlocked.Increment(ref sequence));

    private static ResourceIdentity TunnelResource(string tunnelId) => new(ResourceType.TunnelConfiguration, tunnelId);

    private static Source Ingress(int i) => new("Ingress", "apps", $"app-{i}");

    private static IngressRule Rule(int i) => new($"app{i}.example.com", null, $"http://app-{i}.apps.svc:80");

    private Task Settings(string tunnelId, bool warpRouting, string fallback = "http_status:404") =>
        engine.Rig.Host.Client.RegisterConfigAsync(TunnelResource(tunnelId), new SourceRegistration(Tunnel, Next("tunnel"), new TunnelSettingsFragment(warpRouting, fallback))
        {
            Scope = new ResourceScope(EngineRig.AccountId),
        });

    private Task Rules(string tunnelId, int i, params IngressRule[] rules) =>
        engine.Rig.Host.Client.RegisterConfigAsync(TunnelResource(tunnelId), new SourceRegistration(Ingress(i), Next($"uid-{i}"), new IngressRulesFragment(rules.Length == 0 ? [Rule(i)] : rules)));

    private static string[] Hostnames(JsonObject config) =>
        config["ingress"]!.AsArray().Select(r => (string?)r!["hostname"] ?? "*").ToArray();

    [Fact]
    public async Task Hundred_concurrent_producers_in_one_window_make_exactly_one_put_with_everything()
    {
        var tunnelId = engine.Rig.NewTunnel();

        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Rules(tunnelId, i)).Append(Settings(tunnelId, warpRouting: true)));

        var state = await engine.SettledAsync(tunnelId, s => s.SyncStatus == SyncStatus.Synced);
        var put = Assert.Single(engine.Rig.PutsTo(tunnelId));
        var sent = JsonNode.Parse(put.RequestBody!)!["config"]!.AsObject();
        Assert.Equal(101, sent["ingress"]!.AsArray().Count);
        Assert.Equal("http_status:404", (string?)sent["ingress"]![100]!["service"]);
        Assert.True((bool)sent["warp-routing"]!["enabled"]!);
        Assert.Equal(state.ConfigHash, state.LastAppliedHash);
        Assert.Equal(101, state.Sources.Count);
    }

    [Fact]
    public async Task Registrations_sent_in_one_signal_reach_cloudflare_in_one_put()
    {
        var tunnelId = engine.Rig.NewTunnel();
        SourceRegistration[] registrations =
        [
            new(Tunnel, Next("tunnel"), new TunnelSettingsFragment(false)) { Scope = new ResourceScope(EngineRig.AccountId) },
            .. Enumerable.Range(0, 30).Select(i => new SourceRegistration(Ingress(i), Next($"uid-{i}"), new IngressRulesFragment([Rule(i)]))),
        ];

        await engine.Rig.Host.Client.RegisterConfigsAsync(TunnelResource(tunnelId), registrations);

        var state = await engine.SettledAsync(tunnelId, s => s is { SyncStatus: SyncStatus.Synced, Sources.Count: 31 });
        var put = Assert.Single(engine.Rig.PutsTo(tunnelId));
        Assert.Equal(
            Enumerable.Range(0, 30).Select(i => $"app{i}.example.com").Append("*").Order(StringComparer.Ordinal),
            Hostnames(JsonNode.Parse(put.RequestBody!)!["config"]!.AsObject()).Order(StringComparer.Ordinal));
        Assert.Equal(state.ConfigHash, state.LastAppliedHash);
    }

    [Fact]
    public async Task Warp_routing_set_while_fifty_ingresses_arrive_is_not_lost()
    {
        var tunnelId = engine.Rig.NewTunnel();
        var ingresses = Enumerable.Range(0, 50).Select(i => Rules(tunnelId, i)).ToList();
        ingresses.Insert(25, Settings(tunnelId, warpRouting: true));
        await Task.WhenAll(ingresses);

        await engine.SettledAsync(tunnelId, s => s.SyncStatus == SyncStatus.Synced);
        var applied = await engine.Rig.AppliedConfigAsync(tunnelId);
        Assert.True((bool)applied["warp-routing"]!["enabled"]!);
        Assert.Equal(51, applied["ingress"]!.AsArray().Count);
    }

    [Fact]
    public async Task Unregistering_removes_the_rule_and_the_last_removal_keeps_fallback_and_warp_routing()
    {
        var tunnelId = engine.Rig.NewTunnel();
        await Settings(tunnelId, warpRouting: true, fallback: "http_status:503");
        await Rules(tunnelId, 1);
        await Rules(tunnelId, 2);
        await engine.SettledAsync(tunnelId, s => s.SyncStatus == SyncStatus.Synced);
        Assert.Equal(["app1.example.com", "app2.example.com", "*"], Hostnames(await engine.Rig.AppliedConfigAsync(tunnelId)));

        await engine.Rig.Host.Client.UnregisterConfigAsync(TunnelResource(tunnelId), new SourceRemoval(Ingress(1), Next("uid-1")));
        await engine.SettledAsync(tunnelId, s => s.Sources["Ingress/apps/app-1"].Deleted && s.SyncStatus == SyncStatus.Synced);
        Assert.Equal(["app2.example.com", "*"], Hostnames(await engine.Rig.AppliedConfigAsync(tunnelId)));

        await engine.Rig.Host.Client.UnregisterConfigAsync(TunnelResource(tunnelId), new SourceRemoval(Ingress(2), Next("uid-2")));
        await engine.SettledAsync(tunnelId, s => s.Sources["Ingress/apps/app-2"].Deleted && s.SyncStatus == SyncStatus.Synced);
        var applied = await engine.Rig.AppliedConfigAsync(tunnelId);
        Assert.Equal(["*"], Hostnames(applied));
        Assert.Equal("http_status:503", (string?)applied["ingress"]![0]!["service"]);
        Assert.True((bool)applied["warp-routing"]!["enabled"]!);
    }

    [Fact]
    public async Task Changes_during_a_sync_make_exactly_one_follow_up_and_syncs_never_overlap()
    {
        var tunnelId = engine.Rig.NewTunnel();
        const int latencyMs = 6000;
        engine.Rig.Emulator.Faults.Add(new FaultRule($"accounts/*/cfd_tunnel/{tunnelId}/configurations", "PUT", Count: 1, LatencyMs: latencyMs));
        await Settings(tunnelId, warpRouting: false);
        await Rules(tunnelId, 1);
        await SyncStartedAsync(tunnelId);

        // While the first PUT hangs, three more changes reach the entity, over more than one quiet window.
        await Rules(tunnelId, 2);
        await Task.Delay(EngineFixture.QuietWindow + TimeSpan.FromMilliseconds(300));
        await Rules(tunnelId, 3);
        await Rules(tunnelId, 4);
        var during = await engine.Rig.Sync.GetStateAsync(TunnelResource(tunnelId));
        await CfSync.Testing.Eventually.TrueAsync(
            async () => (await engine.Rig.Sync.GetStateAsync(TunnelResource(tunnelId)))!.Sources.Count == 5,
            TimeSpan.FromSeconds(30),
            "the entity to take the three changes");
        Assert.Empty(engine.Rig.PutsTo(tunnelId)); // the journal records a request when it completes: the first still hangs
        Assert.NotNull(during!.InFlight);

        await engine.SettledAsync(tunnelId, s => s.SyncStatus == SyncStatus.Synced && s.LastAppliedHash == s.ConfigHash);
        var puts = engine.Rig.PutsTo(tunnelId);
        Assert.True(puts.Count == 2, "PUTs: " + string.Join(" | ", puts.Select(p => $"{p.Timestamp:HH:mm:ss.fff} {p.RequestBody}")));
        Assert.True(puts[1].Timestamp - puts[0].Timestamp >= TimeSpan.FromMilliseconds(latencyMs - 50), "the follow-up started before the first sync finished");
        Assert.Equal(["app1.example.com", "app2.example.com", "app3.example.com", "app4.example.com", "*"],
            Hostnames(JsonNode.Parse(puts[1].RequestBody!)!["config"]!.AsObject()));
    }

    [Fact]
    public async Task Transient_failures_are_retried_durably_until_the_config_converges()
    {
        var tunnelId = engine.Rig.NewTunnel();
        var path = $"accounts/*/cfd_tunnel/{tunnelId}/configurations";
        engine.Rig.Emulator.Faults.Add(new FaultRule(path, "PUT", Count: 3, Status: 503));
        engine.Rig.Emulator.Faults.Add(new FaultRule(path, "PUT", Count: 1, Status: 429, RetryAfterSeconds: 1));
        await Settings(tunnelId, warpRouting: true);
        await Rules(tunnelId, 7);

        var state = await engine.SettledAsync(tunnelId, s => s.SyncStatus == SyncStatus.Synced);
        Assert.Equal(5, engine.Rig.PutsTo(tunnelId).Count);
        Assert.True(state.Attempts >= 2, $"expected durable retries, saw {state.Attempts} attempt(s)");
        Assert.Equal(["app7.example.com", "*"], Hostnames(await engine.Rig.AppliedConfigAsync(tunnelId)));
    }

    [Fact]
    public async Task A_permanent_rejection_fails_with_the_reason_after_one_attempt()
    {
        var tunnelId = engine.Rig.NewTunnel();
        engine.Rig.Emulator.Faults.Add(new FaultRule($"accounts/*/cfd_tunnel/{tunnelId}/configurations", "PUT", Count: 10, Status: 400, ErrorCode: 1056));
        await Settings(tunnelId, warpRouting: false);
        await Rules(tunnelId, 1);

        var state = await engine.SettledAsync(tunnelId, s => s.SyncStatus == SyncStatus.Failed);
        Assert.Single(engine.Rig.PutsTo(tunnelId));
        Assert.Equal(1, state.Attempts);
        Assert.Contains("1056", state.LastError, StringComparison.Ordinal);
        Assert.Null(state.LastAppliedHash);
        var report = engine.Statuses.Reports.Last(r => r.Resource.CloudflareId == tunnelId);
        Assert.Equal(SyncStatus.Failed, report.Status);
    }

    [Fact]
    public async Task Reordered_and_duplicated_deliveries_end_in_the_latest_state()
    {
        var tunnelId = engine.Rig.NewTunnel();
        var versions = Enumerable.Range(1, 6).Select(v => (Version: Next("uid-9"), Host: $"v{v}.example.com")).ToList();
        var deliveries = versions.Concat(versions.Take(3)).OrderBy(_ => Random.Shared.Next()).ToList();
        await Settings(tunnelId, warpRouting: false);
        await Task.WhenAll(deliveries.Select(d => engine.Rig.Host.Client.RegisterConfigAsync(TunnelResource(tunnelId),
            new SourceRegistration(Ingress(9), d.Version, new IngressRulesFragment([new IngressRule(d.Host, null, "http://app.apps.svc:80")])))));

        await engine.SettledAsync(tunnelId, s => s.SyncStatus == SyncStatus.Synced && s.Sources["Ingress/apps/app-9"].Sequence == versions[^1].Version.Sequence);
        Assert.Equal(["v6.example.com", "*"], Hostnames(await engine.Rig.AppliedConfigAsync(tunnelId)));
    }

    [Fact]
    public async Task A_worker_killed_mid_sync_is_replaced_and_the_config_still_converges()
    {
        var tunnelId = engine.Rig.NewTunnel();
        engine.Rig.Emulator.Faults.Add(new FaultRule($"accounts/*/cfd_tunnel/{tunnelId}/configurations", "PUT", Count: 1, LatencyMs: 4000));
        await Settings(tunnelId, warpRouting: true);
        await Rules(tunnelId, 1);
        await SyncStartedAsync(tunnelId);
        await Task.Delay(TimeSpan.FromSeconds(1)); // into the PUT, which hangs for 4 s

        await engine.Rig.RestartAbruptlyAsync();
        await Rules(tunnelId, 2);

        await engine.SettledAsync(tunnelId, s => s.SyncStatus == SyncStatus.Synced && s.Sources.Count == 3);
        var applied = await engine.Rig.AppliedConfigAsync(tunnelId);
        Assert.Equal(["app1.example.com", "app2.example.com", "*"], Hostnames(applied));
        Assert.True((bool)applied["warp-routing"]!["enabled"]!);
    }

    private Task SyncStartedAsync(string tunnelId) =>
        CfSync.Testing.Eventually.TrueAsync(
            async () => (await engine.Rig.Sync.GetStateAsync(TunnelResource(tunnelId)))?.InFlight is not null,
            TimeSpan.FromSeconds(30),
            "the first sync to start");
}
