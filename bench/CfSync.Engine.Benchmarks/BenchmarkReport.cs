using System.Diagnostics;

namespace CfSync.Engine.Benchmarks;

/// <summary>Collects one line per measurement and the process's peak working set.</summary>
internal sealed class BenchmarkReport
{
    private readonly List<string> lines = [];

    public void Add(string line)
    {
        lines.Add(line);
        Console.WriteLine(line);
    }

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"# Engine benchmark, {Environment.ProcessorCount} cores, {DateTimeOffset.UtcNow:yyyy-MM-dd}");
        foreach (var line in lines)
        {
            output.WriteLine($"- {line}");
        }

        output.WriteLine($"- peak working set of the process (engine + emulator + load generator): {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)];
}
