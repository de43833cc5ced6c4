using System.Globalization;
using System.Text;

namespace CfSync.Intake.Benchmarks;

/// <summary>Writes the figures as markdown (stdout and summary.md) and the series as CSV files in the output folder.</summary>
internal static class IntakeReport
{
    private static readonly TimeSpan SeriesStep = TimeSpan.FromSeconds(5);

    public static void Write(IntakeBenchmarkOptions options, IReadOnlyList<RateResult> results)
    {
        Directory.CreateDirectory(options.OutputFolder);
        var text = new StringBuilder();
        text.AppendLine(Invariant($"# Kubernetes intake benchmark, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores"));
        text.AppendLine();
        text.AppendLine("| rate | sent | change -> Cloudflare write p50 / p99 / max | not written | PUTs | bridge events (mean / peak per s) | bridge lag max | queue depth max | load average before -> after |");
        text.AppendLine("| ---: | --- | --- | ---: | ---: | --- | ---: | ---: | --- |");
        foreach (var r in results)
        {
            text.Append(Invariant($"| {r.Rate}/s | {r.Load.Applied.Count} in {r.Load.SendDuration.TotalSeconds:F1} s ({r.AchievedRate:F1}/s, {r.Load.Failed} refused) "))
                .Append(Invariant($"| {r.Latency.P50:F1} s / {r.Latency.P99:F1} s / {r.Latency.Max:F1} s | {r.NeverWritten} | {r.ConfigurationPuts} "))
                .AppendLine(Invariant($"| {r.EventsSeen:F0} ({r.MeanEventsPerSecond:F1} / {r.PeakEventsPerSecond:F0}) | {r.MaxBridgeLag:F1} s | {r.MaxQueueDepth} | {r.LoadBefore} -> {r.LoadAfter} |"));
        }

        foreach (var r in results)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"{r.Rate}/s: queue depth, max per {SeriesStep.TotalSeconds:F0} s from the load's start ({r.QueueDepth.Count} samples, run {r.Elapsed.TotalSeconds:F0} s, {r.FailedSamples} failed reads); bridge: {r.ChangesEnqueued:F0} changes enqueued in {r.MessagesSent:F0} messages"));
            text.AppendLine(string.Join(' ', r.QueueDepth.GroupBy(s => (int)(s.At / SeriesStep)).Select(g => g.Max(s => s.Value).ToString(CultureInfo.InvariantCulture))));
            if (r.Load.FirstError is { } error)
            {
                text.AppendLine(Invariant($"first refused create: {error}"));
            }

            WriteCsv(options, $"queue-depth-{r.Rate}.csv", "seconds,approximate_messages", r.QueueDepth.Select(s => Invariant($"{s.At.TotalSeconds:F2},{s.Value}")));
            WriteCsv(options, $"bridge-{r.Rate}.csv", "seconds,events_seen,changes_enqueued,messages_sent,lag_seconds,pending_changes",
                r.Bridge.Select(s => Invariant($"{s.At.TotalSeconds:F2},{s.Value.EventsSeen},{s.Value.ChangesEnqueued},{s.Value.MessagesSent},{s.Value.LagSeconds},{s.Value.PendingChanges}")));
        }

        Console.WriteLine();
        Console.Write(text);
        File.WriteAllText(Path.Combine(options.OutputFolder, "summary.md"), text.ToString());
    }

    private static void WriteCsv(IntakeBenchmarkOptions options, string name, string header, IEnumerable<string> rows) =>
        File.WriteAllLines(Path.Combine(options.OutputFolder, name), rows.Prepend(header));

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
