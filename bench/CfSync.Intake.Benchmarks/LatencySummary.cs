namespace CfSync.Intake.Benchmarks;

/// <summary>Nearest-rank percentiles of the change-to-write latencies, in seconds; NaN when nothing was measured.</summary>
internal sealed record LatencySummary(int Count, double P50, double P99, double Max)
{
    public static LatencySummary Of(IEnumerable<double> seconds)
    {
        var sorted = seconds.Order().ToArray();
        double Rank(double percent) => sorted.Length == 0
            ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencySummary(sorted.Length, Rank(50), Rank(99), sorted.Length == 0 ? double.NaN : sorted[^1]);
    }
}
