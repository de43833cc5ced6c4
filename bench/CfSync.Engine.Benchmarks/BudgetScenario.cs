using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using CfSync.Cloudflare.Emulator;
using CfSync.Cloudflare.Emulator.Control;
using CfSync.Core.Fragments;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Core.Tunnels;
using CfSync.Sync;
using CfSync.Sync.Applying;
using CfSync.Sync.Budget;
using CfSync.Sync.Entities;
using CfSync.Testing;

namespace CfSync.Engine.Benchmarks;

/// <summary>How long the account budget run lasts and how tight the budget is.</summary>
/// <param name="Drain">After the load stops, how long to wait at most for every tunnel to hold its last version.</param>
internal sealed record BudgetLoad(string Name, int Tunnels, TimeSpan Duration, int PermitLimit, TimeSpan Window, TimeSpan Drain);

/// <summary>
/// Every tunnel's source changes once per second for longer than the account budget allows: the calls Cloudflare
/// received (from the emulator's journal) against the budget, and per change the time until Cloudflare held it
/// (a 200 PUT carrying that version or a newer one), against the documented staleness bound.
/// </summary>
internal static class BudgetScenario
{
    public static async Task RunAsync(BenchmarkReport report, BudgetLoad load)
    {
        var sync = new SyncOptions();
        sync.AccountBudget.PermitLimit = load.PermitLimit;
        sync.AccountBudget.Window = load.Window;

        // The emulator keeps Cloudflare's ratio to the engine's default budget (1200 to 960: 20% left to other tools).
        var emulator = new EmulatorOptions
        {
            RatePermitLimit = load.PermitLimit * new EmulatorOptions().RatePermitLimit / new AccountBudgetOptions().PermitLimit,
            RateWindow = load.Window,
        };
        await using var run = await Scenarios.Run.StartAsync(o => o.AccountBudget = sync.AccountBudget, emulator);
        var ids = Enumerable.Range(0, load.Tunnels).Select(_ => run.Rig.NewTunnel()).ToArray();
        var tunnelOf = ids.Select((id, t) => (id, t)).ToDictionary(p => p.id, p => p.t);
        await Task.WhenAll(ids.Select(id => run.SettingsAsync(id)));

        var changes = new List<Change>();
        var seconds = (int)load.Duration.TotalSeconds;
        var clock = Stopwatch.StartNew();
        for (var version = 1; version <= seconds; version++)
        {
            var due = TimeSpan.FromSeconds(version - 1);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var at = DateTimeOffset.UtcNow;
            await Task.WhenAll(ids.Select((id, t) => run.Rig.Host.Client.RegisterConfigAsync(new ResourceIdentity(ResourceType.TunnelConfiguration, id), Version(t, version))));
            changes.AddRange(ids.Select((_, t) => new Change(t, version, at)));
        }

        var loadTime = clock.Elapsed;
        var end = DateTimeOffset.UtcNow;
        var held = Held(run.Rig.Emulator.Journal.Snapshot(), tunnelOf, load.Tunnels);
        while (!HoldsLast(held, seconds) && DateTimeOffset.UtcNow - end < load.Drain)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            held = Held(run.Rig.Emulator.Journal.Snapshot(), tunnelOf, load.Tunnels);
        }

        var drained = DateTimeOffset.UtcNow;
        var journal = run.Rig.Emulator.Journal.Snapshot();
        held = Held(journal, tunnelOf, load.Tunnels);
        var staleness = changes
            .Select(c => ((held[c.Tunnel].Where(p => p.Version >= c.Version).Select(p => (DateTimeOffset?)p.At).Min() ?? drained) - c.At).TotalSeconds)
            .Order()
            .ToList();

        // The documented bound: D + R*c*W/L, plus one sync.
        var cost = PermitCosts.Of(ResourceType.TunnelConfiguration, ApplyPurpose.Change);
        var waitForTurns = load.Tunnels * cost * load.Window.TotalSeconds / load.PermitLimit;
        var bound = sync.DebounceMaxWait.TotalSeconds + waitForTurns;
        var window = Duration(load.Window);
        report.Add($"{load.Name}: {load.Tunnels} tunnels, each one's source changing once per second for {seconds} s ({changes.Count} changes, sent in {loadTime.TotalSeconds:F0} s); " +
                   $"engine defaults (debounce {Duration(sync.DebounceQuietWindow)} quiet / {Duration(sync.DebounceMaxWait)} max wait, re-ask {Duration(sync.AccountBudget.ReaskInterval)}, " +
                   $"drift check every {Duration(sync.DriftInterval)}) but the account budget: PermitLimit {load.PermitLimit} per {window}; emulator answers 429 above {emulator.RatePermitLimit} per {window}");
        report.Add($"{load.Name} Cloudflare calls: {journal.Count} ({journal.Count(e => e is { Method: "PUT", Status: 200 })} applied PUTs), " +
                   $"at most {JournalWindows.MostCallsWithin(journal, load.Window)} in any {window} window (budget {load.PermitLimit}), {journal.Count(e => e.Status == 429)} answered 429");
        report.Add($"{load.Name} staleness (change to the first applied PUT carrying it or newer) over {staleness.Count} changes: " +
                   $"p50 {BenchmarkReport.Percentile(staleness, 50):F1} s, p99 {BenchmarkReport.Percentile(staleness, 99):F1} s, max {staleness[^1]:F1} s; " +
                   $"drain after the load {(drained - end).TotalSeconds:F1} s ({Enumerable.Range(0, load.Tunnels).Count(t => !held[t].Any(p => p.Version >= seconds))} tunnels without their last version after it, bound {Duration(load.Drain)}); " +
                   $"bound D + R*c*W/L = {sync.DebounceMaxWait.TotalSeconds:F0} + {load.Tunnels}*{cost}*{load.Window.TotalSeconds:F0}/{load.PermitLimit} = {bound:F1} s + one sync");
    }

    /// <summary>Tunnel <paramref name="t"/>'s one source at <paramref name="version"/>, the version carried in its hostname.</summary>
    private static SourceRegistration Version(int t, long version) =>
        new(new Source("Ingress", "bench", $"app-{t}"),
            new SourceVersion($"uid-{t}", version),
            new IngressRulesFragment([new IngressRule($"v{version}.app-{t}.example.com", null, $"http://app-{t}.bench.svc:80")]));

    /// <summary>Per tunnel, the applied PUTs: when each arrived and the version it carried.</summary>
    private static List<Applied>[] Held(IReadOnlyList<JournalEntry> journal, Dictionary<string, int> tunnelOf, int tunnels)
    {
        var held = Enumerable.Range(0, tunnels).Select(_ => new List<Applied>()).ToArray();
        foreach (var put in journal.Where(e => e is { Method: "PUT", Status: 200 }))
        {
            var segments = put.Path.Split('/');
            if (segments.Length > 2 && segments[^1] == "configurations" && tunnelOf.TryGetValue(segments[^2], out var t))
            {
                var versions = JsonNode.Parse(put.RequestBody!)!["config"]!["ingress"]!.AsArray()
                    .Select(rule => (string?)rule!["hostname"])
                    .OfType<string>()
                    .Where(host => host.StartsWith('v'))
                    .Select(host => long.Parse(host[1..host.IndexOf('.', StringComparison.Ordinal)], CultureInfo.InvariantCulture));
                held[t].Add(new Applied(put.Timestamp, versions.DefaultIfEmpty(0).Max()));
            }
        }

        return held;
    }

    private static bool HoldsLast(List<Applied>[] held, long last) => held.All(puts => puts.Any(p => p.Version >= last));

    private static string Duration(TimeSpan span) => span < TimeSpan.FromMinutes(2) ? $"{span.TotalSeconds:F0} s" : $"{span.TotalMinutes:F0} min";

    private sealed record Change(int Tunnel, long Version, DateTimeOffset At);

    private sealed record Applied(DateTimeOffset At, long Version);
}
