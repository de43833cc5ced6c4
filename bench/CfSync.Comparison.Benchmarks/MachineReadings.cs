using System.Globalization;
using System.Runtime.InteropServices;

namespace CfSync.Comparison.Benchmarks;

/// <summary>What the report says about the machine and the processes, read from /proc.</summary>
internal static class MachineReadings
{
    public static MachineDescription Describe()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var memoryKb = ReadKilobytes("/proc/meminfo", "MemTotal:") ?? 0;
        return new MachineDescription(
            Environment.ProcessorCount, cpu, memoryKb * 1024, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, LoadAverage());
    }

    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    /// <summary>The process's peak resident set (VmHWM), or null when it has exited.</summary>
    public static long? PeakBytes(int processId) =>
        ReadKilobytes($"/proc/{processId}/status", "VmHWM:") is { } kb ? kb * 1024 : null;

    private static long? ReadKilobytes(string file, string key)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line is null ? null : long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
