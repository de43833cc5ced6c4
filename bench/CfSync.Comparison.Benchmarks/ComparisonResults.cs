namespace CfSync.Comparison.Benchmarks;

/// <summary>Which architecture a figure is for: CfSync, or the seed's direct-call controllers.</summary>
internal enum SystemKind
{
    CfSync,
    Baseline,
}

/// <summary>Everything one run measured; written as results.json and drawn by the report from that data only.</summary>
internal sealed record ComparisonResults(
    DateTimeOffset Started,
    string Command,
    MachineDescription Machine,
    IReadOnlyList<RaceResult> Race,
    IReadOnlyList<BudgetResult> Budget,
    IReadOnlyList<LatencyResult> Latency,
    IReadOnlyList<TimeSeries> Series,
    IReadOnlyList<ChaosResult> Chaos,
    IReadOnlyList<ScaleResult> Scale,
    IReadOnlyList<ProcessPeak> Processes,
    double DurationSeconds,
    IReadOnlyList<PhaseFailure>? PhaseFailures = null);

/// <summary>A scenario family that threw: the rest of the run went on, and the run fails its checks.</summary>
internal sealed record PhaseFailure(string Phase, string Error);

internal sealed record MachineDescription(int Cores, string Cpu, long MemoryBytes, string Os, string Runtime, double LoadAverageAtStart);

/// <summary>K producers changed at once; what the final Cloudflare configuration lost.</summary>
internal sealed record RaceResult(
    SystemKind System, int Producers, int RulesExpected, int RulesMissing, bool WarpRoutingReset, bool FallbackReset,
    int CloudflareCalls, double SecondsToSettle);

/// <summary>
/// Cloudflare calls one system made for one load, whether it kept within Cloudflare's limit, and how many of the
/// changes Cloudflare did not hold when the run ended (lost to a race, or not applied yet).
/// </summary>
internal sealed record BudgetResult(
    string Scenario, SystemKind System, int Changes, int ChangesMissing, int CloudflareCalls, int TooManyRequests, int MaxCallsInAnyWindow,
    int Limit, double SecondsToSettle)
{
    public bool BrokeLimit => TooManyRequests > 0 || MaxCallsInAnyWindow > Limit;
}

/// <summary>Change (the API server's answer to the write) to the first Cloudflare write that carries it.</summary>
internal sealed record LatencyResult(
    string Scenario, SystemKind System, IReadOnlyList<double> Seconds, int NeverApplied, double ChangesPerSecond)
{
    public double Percentile(double p)
    {
        if (Seconds.Count == 0)
        {
            return double.NaN;
        }

        var sorted = Seconds.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(p / 100 * sorted.Length) - 1))];
    }
}

/// <summary>A sampled quantity over a scenario's time (seconds from its start): queue depth, staleness, calls/s.</summary>
internal sealed record TimeSeries(string Scenario, string Name, SystemKind System, IReadOnlyList<SeriesPoint> Points);

internal sealed record SeriesPoint(double Seconds, double Value);

/// <summary>One fault: whether Cloudflare ended equal to `cfsync render` of the final manifests, and how fast.</summary>
internal sealed record ChaosResult(string Fault, bool Converged, double SecondsToConverge, string Detail);

internal sealed record ScaleResult(string Case, bool Correct, double Seconds, string Detail);

/// <summary>Peak resident memory (VmHWM) of one process of the system, read at the end of the run.</summary>
internal sealed record ProcessPeak(string Process, long PeakBytes);
