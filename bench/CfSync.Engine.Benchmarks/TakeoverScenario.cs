using CfSync.Testing.Workers;

namespace CfSync.Engine.Benchmarks;

/// <summary>
/// The takeover drill (three local-host workers on one task hub, one killed with SIGKILL while every tunnel's PUT is
/// held): how long the survivors take to own the killed worker's partitions, and to finish its syncs.
/// </summary>
internal static class TakeoverScenario
{
    public static async Task RunAsync(BenchmarkReport report, int rounds)
    {
        var settings = new TakeoverDrillSettings();
        for (var round = 0; round < rounds; round++)
        {
            var logs = Path.Combine(Path.GetTempPath(), $"cfsync-takeover-bench-{round}");
            var drill = await TakeoverDrill.RunAsync(settings, logs, Console.WriteLine);
            var puts = drill.Tunnels.Sum(t => t.Applied.Count);
            var repeated = drill.Tunnels.Sum(t => t.Applied.Count - t.Applied.Distinct().Count());
            report.Add($"takeover, {settings.Workers} workers, {settings.PartitionCount} partitions, {settings.Tunnels} tunnels, PUTs held {settings.Hold.TotalSeconds:F0} s: " +
                       $"survivors owned every partition {drill.TakeoverTime.TotalSeconds:F1} s after the kill, all tunnels converged after {drill.ConvergedTime.TotalSeconds:F1} s " +
                       $"({puts} PUTs applied, {repeated} repeats of the same configuration, {drill.Tunnels.Sum(t => t.Aborted)} aborted by the kill; " +
                       $"{drill.Calls} Cloudflare calls, at most {drill.MaxCallsPer5Minutes} in 5 minutes)");
            report.Add($"takeover leases before: {PartitionLeases.Describe(drill.Before)}; after: {PartitionLeases.Describe(drill.After)}");
        }
    }
}
