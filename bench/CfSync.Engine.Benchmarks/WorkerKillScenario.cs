using System.Diagnostics;
using CfSync.Cloudflare.Emulator;
using CfSync.Cloudflare.Emulator.Control;
using CfSync.Core.Fragments;
using CfSync.Core.Hashing;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Core.Tunnels;
using CfSync.Hosting.Dtfx;
using CfSync.Sync.Client;
using CfSync.Sync.Entities;
using CfSync.Testing;
using CfSync.Testing.Workers;
using Microsoft.Extensions.DependencyInjection;

namespace CfSync.Engine.Benchmarks;

/// <summary>
/// A real kill -9: the local host (the product's own worker process) is killed while its PUT hangs in the Cloudflare
/// emulator, and a replacement process starts on the same task hub. Measures the time from the kill until Cloudflare
/// holds the aggregate the entity hashed (read from the emulator, not only from the entity).
/// </summary>
internal static class WorkerKillScenario
{
    private const string Account = EngineRig.AccountId;

    public static async Task RunAsync(BenchmarkReport report, int rounds)
    {
        var times = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            times.Add(await RoundAsync(report));
        }

        times.Sort();
        report.Add($"kill -9 of the worker mid-PUT, {rounds} rounds: converged after p50 {BenchmarkReport.Percentile(times, 50):F1} s, max {times[^1]:F1} s " +
                   "(replacement started right after the kill; 30 s queue visibility, 30 s partition lease)");
    }

    private static async Task<double> RoundAsync(BenchmarkReport report)
    {
        await using var emulator = await CloudflareEmulator.StartAsync(new EmulatorOptions { Port = 0 });
        var tunnelId = Guid.NewGuid().ToString();
        emulator.Seed(new EmulatorSeed { Tunnels = [new SeedTunnel(Account, tunnelId, "kill-bench")] });
        emulator.Faults.Add(new FaultRule($"accounts/*/cfd_tunnel/{tunnelId}/configurations", "PUT", Count: 1, LatencyMs: 5000));

        var hub = new DtfxHostOptions { ConnectionString = Azurite.ConnectionString, TaskHubName = TaskHubNames.Unique("kill") };
        await using var services = new ServiceCollection().BuildServiceProvider();
        await using var clientHost = new DtfxHost(hub, new DtfxTaskRegistry(), services);
        var sync = new ResourceSyncClient(clientHost.Client);
        var resource = new ResourceIdentity(ResourceType.TunnelConfiguration, tunnelId);
        try
        {
            using var first = StartWorker(hub, emulator, "first");
            await clientHost.Client.RegisterConfigAsync(resource, new SourceRegistration(new Source("ClusterTunnel", null, "edge"), new SourceVersion("t", 1), new TunnelSettingsFragment(true))
            {
                Scope = new ResourceScope(Account),
            });
            await clientHost.Client.RegisterConfigAsync(resource, new SourceRegistration(new Source("Ingress", "bench", "web"), new SourceVersion("i", 2),
                new IngressRulesFragment([new IngressRule("web.example.com", null, "http://web.bench.svc:80")])));
            await Eventually.TrueAsync(async () => (await sync.GetStateAsync(resource))?.InFlight is not null, TimeSpan.FromMinutes(2), "the sync to start");
            await Task.Delay(TimeSpan.FromSeconds(1.5)); // the activity has sent its PUT, which hangs for 5 s

            var clock = Stopwatch.StartNew();
            first.Kill();
            using var replacement = StartWorker(hub, emulator, "replacement");
            ResourceSyncState? state = null;
            await Eventually.TrueAsync(
                async () =>
                {
                    state = await sync.GetStateAsync(resource);
                    if (state is not { SyncStatus: SyncStatus.Synced } || state.LastAppliedHash != state.ConfigHash)
                    {
                        return false;
                    }

                    var held = emulator.Journal.Snapshot().LastOrDefault(e => e.Method == "PUT" && e.Status == 200 && e.Path.Contains(tunnelId, StringComparison.Ordinal));
                    return held?.RequestBody is { } body && ConfigHash.Of(System.Text.Encoding.UTF8.GetBytes(body)) == state.ConfigHash;
                },
                TimeSpan.FromMinutes(10),
                "the replacement worker to converge",
                TimeSpan.FromMilliseconds(250));
            var seconds = clock.Elapsed.TotalSeconds;
            var puts = emulator.Journal.Snapshot().Count(e => e.Method == "PUT");
            report.Add($"kill -9 round: Cloudflare holds the entity's hash {seconds:F1} s after the kill ({puts} PUTs, {state!.SyncCount} syncs)");
            return seconds;
        }
        finally
        {
            await DtfxTaskHub.DeleteAsync(hub);
        }
    }

    private static LocalHostProcess StartWorker(DtfxHostOptions hub, CloudflareEmulator emulator, string name) =>
        LocalHostProcess.Start(
            $"cfsync-kill-{hub.TaskHubName}-{name}",
            new Dictionary<string, string>
            {
                ["CfSync:Dtfx:ConnectionString"] = hub.ConnectionString,
                ["CfSync:Dtfx:TaskHubName"] = hub.TaskHubName,
                ["Cloudflare:BaseUrl"] = emulator.ApiBaseAddress.ToString(),
                ["CLOUDFLARE_API_TOKEN"] = EmulatorOptions.DefaultToken,
            },
            Path.GetTempPath());
}
