using System.Globalization;
using CfSync.Comparison.Benchmarks.Workload;

namespace CfSync.Comparison.Benchmarks;

/// <summary>
/// Issue 14's budget burst: 1,000 Ingress changes (smoke: 100) spread over 10 tunnels (smoke: 2), sent as fast as the
/// client can, then the Cloudflare calls each system made for its tunnels (the journal), the 429s it got and the most
/// calls in any 5-minute window against Cloudflare's 1,200, and the changes missing from the configurations Cloudflare
/// holds at the end. The systems run one after the other (CfSync first), each with its own cluster and token
/// (Cloudflare's limit is per token; the baseline's is fresh); the baseline's run ends when it settles or stalls on
/// Cloudflare's limit, which 1,000 changes at a GET and a PUT each must reach.
/// </summary>
internal static class BurstScenario
{
    public static async Task<IReadOnlyList<BudgetResult>> RunAsync(ComparisonOptions options, HttpClient http, CancellationToken cancellationToken)
    {
        var (changes, tunnelCount) = options.Smoke ? (100, 2) : (1000, 10);
        var scenario = string.Create(CultureInfo.InvariantCulture, $"burst {changes:N0} changes / {tunnelCount} tunnels");
        // Bounded for the run's length: CfSync took 46 s for 1,000 new Ingresses over 10 tunnels on this machine (over
        // 4 minutes before the intake left out its own status echoes); what it has not applied by then is counted as missing.
        var timeout = TimeSpan.FromSeconds(options.Smoke ? 90 : 240);
        return
        [
            await RunAsync(options, SystemKind.CfSync, scenario, changes, tunnelCount, timeout, http, cancellationToken).ConfigureAwait(false),
            await RunAsync(options, SystemKind.Baseline, scenario, changes, tunnelCount, timeout, http, cancellationToken).ConfigureAwait(false),
        ];
    }

    private static async Task<BudgetResult> RunAsync(
        ComparisonOptions options, SystemKind system, string scenario, int changes, int tunnelCount, TimeSpan timeout, HttpClient http, CancellationToken cancellationToken)
    {
        var name = $"burst-{system.ToString().ToLowerInvariant()}";
        var tunnels = Enumerable.Range(0, tunnelCount)
            .Select(i => new WorkloadTunnel(string.Create(CultureInfo.InvariantCulture, $"{name}-{i:D2}"), Guid.NewGuid().ToString(), WarpRouting: true, "http_status:404"))
            .ToList();
        await using var run = await ScenarioRun.StartAsync(options, system, http, name, tunnels, cancellationToken).ConfigureAwait(false);
        var start = DateTimeOffset.UtcNow;
        var ingresses = Enumerable.Range(0, changes).Select(i => (Tunnel: tunnels[i % tunnelCount], Index: i / tunnelCount)).ToList();
        await run.Workload.CreateIngressesAsync(ingresses, cancellationToken).ConfigureAwait(false);
        var (calls, settled) = await run.SettleAsync(start, timeout, cancellationToken).ConfigureAwait(false);
        var (seconds, outcome) = run.Outcome(calls, settled, start);
        var missing = ingresses.GroupBy(i => i.Tunnel).Sum(g => calls.Missing(g.Key.TunnelId, g.Select(i => g.Key.Hostname(i.Index))));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{scenario} {system}: {calls.Calls.Count} calls, {calls.TooManyRequests} 429s{(run.BaselineTooManyRequests is { } own ? $" ({own} counted by the controllers)" : "")}, max {calls.MaxInAnyWindow()} in 5 min, {missing} changes missing, {outcome}"));
        return new BudgetResult(scenario, system, changes, missing, calls.Calls.Count, calls.TooManyRequests, calls.MaxInAnyWindow(), TunnelCalls.Limit, seconds);
    }
}
