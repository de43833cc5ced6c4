namespace CfSync.Comparison.Benchmarks;

/// <summary>
/// What CfSync must hold in every run, smoke or full: no rule lost and no setting reset in a race, no 429, every
/// change applied, every fault converged, every scale case correct. The baseline's figures are reported, not checked.
/// </summary>
internal static class ComparisonChecks
{
    public static IReadOnlyList<string> Failures(ComparisonResults results)
    {
        var failures = new List<string>();
        failures.AddRange((results.PhaseFailures ?? []).Select(f => $"{f.Phase}: failed: {f.Error}"));
        failures.AddRange(results.Race
            .Where(r => r.System == SystemKind.CfSync && (r.RulesMissing > 0 || r.WarpRoutingReset || r.FallbackReset))
            .Select(r => $"race with {r.Producers} producers: CfSync lost {r.RulesMissing} rules (warp-routing reset {r.WarpRoutingReset}, fallback reset {r.FallbackReset})"));
        failures.AddRange(results.Budget
            .Where(b => b.System == SystemKind.CfSync && b.BrokeLimit)
            .Select(b => $"{b.Scenario}: CfSync saw {b.TooManyRequests} 429s, at most {b.MaxCallsInAnyWindow} calls in a window (limit {b.Limit})"));
        failures.AddRange(results.Latency
            .Where(l => l.System == SystemKind.CfSync && l.NeverApplied > 0)
            .Select(l => $"{l.Scenario}: {l.NeverApplied} CfSync changes never reached Cloudflare"));
        failures.AddRange(results.Chaos.Where(c => !c.Converged).Select(c => $"chaos '{c.Fault}': did not converge ({c.Detail})"));
        failures.AddRange(results.Scale.Where(s => !s.Correct).Select(s => $"scale '{s.Case}': wrong result ({s.Detail})"));
        return failures;
    }
}
