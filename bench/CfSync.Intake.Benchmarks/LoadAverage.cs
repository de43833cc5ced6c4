namespace CfSync.Intake.Benchmarks;

/// <summary>The machine's 1, 5 and 15 minute load averages (Linux /proc/loadavg), recorded with each run's figures.</summary>
internal static class LoadAverage
{
    public static string Read() => File.Exists("/proc/loadavg")
        ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
        : "unknown";
}
