using System.Globalization;
using CfSync.Comparison.Benchmarks.Workload;

namespace CfSync.Comparison.Benchmarks;

/// <summary>
/// Issue 14's race: one tunnel per system, set up with warp-routing off and the default fallback; then at once its
/// settings change (warp-routing on, fallback 503) and K rule sources appear, one hostname each, in turn an Ingress,
/// an HTTPRoute and a TunnelBinding. After the system settles,
/// the configuration Cloudflare holds is judged: hostnames missing, warp-routing or fallback not what the tunnel says.
/// The systems run one after the other (CfSync first), each on its own cluster, tunnel and token, so neither's load
/// slows the other; the baseline's run ends when it settles or stalls on Cloudflare's limit.
/// </summary>
internal static class RaceScenario
{
    private const string Fallback = "http_status:503";

    private static readonly RuleSourceKind[] Kinds = [RuleSourceKind.Ingress, RuleSourceKind.HttpRoute, RuleSourceKind.TunnelBinding];

    public static async Task<IReadOnlyList<RaceResult>> RunAsync(ComparisonOptions options, HttpClient http, CancellationToken cancellationToken)
    {
        var results = new List<RaceResult>();
        foreach (var producers in options.Smoke ? [10] : new[] { 10, 100, 1000 })
        {
            // Bounded for the harness's 15 minutes: at K = 1,000 the baseline runs into Cloudflare's limit and waits.
            var timeout = TimeSpan.FromSeconds(options.Smoke ? 90 : 60 + producers * 0.06);
            results.Add(await RunAsync(options, SystemKind.CfSync, producers, timeout, http, cancellationToken).ConfigureAwait(false));
            results.Add(await RunAsync(options, SystemKind.Baseline, producers, timeout, http, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private static async Task<RaceResult> RunAsync(ComparisonOptions options, SystemKind system, int producers, TimeSpan timeout, HttpClient http, CancellationToken cancellationToken)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"race-{system.ToString().ToLowerInvariant()}-{producers}");
        var tunnel = new WorkloadTunnel(name, Guid.NewGuid().ToString(), WarpRouting: false, "http_status:404");
        await using var run = await ScenarioRun.StartAsync(options, system, http, name, [tunnel], Kinds, cancellationToken).ConfigureAwait(false);
        var changed = tunnel with { WarpRouting = true, Fallback = Fallback };
        var start = DateTimeOffset.UtcNow;
        await Task.WhenAll(
            run.Workload.ChangeSettingsAsync(changed, cancellationToken),
            run.Workload.CreateRuleSourcesAsync([.. Enumerable.Range(0, producers).Select(i => (tunnel, i, Kinds[i % Kinds.Length]))], cancellationToken)).ConfigureAwait(false);
        var (calls, settled) = await run.SettleAsync(start, timeout, cancellationToken).ConfigureAwait(false);
        var config = calls.LastConfiguration(tunnel.TunnelId);
        var rules = config?["ingress"]?.AsArray() ?? [];
        var missing = calls.Missing(tunnel.TunnelId, Enumerable.Range(0, producers).Select(tunnel.Hostname));
        var warpReset = (bool?)config?["warp-routing"]?["enabled"] != true;
        var fallbackReset = rules.Count == 0 || (string?)rules[^1]?["hostname"] is not null || (string?)rules[^1]?["service"] != Fallback;
        var (seconds, outcome) = run.Outcome(calls, settled, start);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"race K={producers} {system}: {missing}/{producers} rules missing, warp-routing reset {warpReset}, fallback reset {fallbackReset}, {calls.Calls.Count} calls, {outcome}"));
        return new RaceResult(system, producers, producers, missing, warpReset, fallbackReset, calls.Calls.Count, seconds);
    }
}
