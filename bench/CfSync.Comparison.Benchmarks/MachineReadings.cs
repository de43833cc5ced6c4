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

    /// <summary>
    /// CPU time the process has used (user + system, /proc/{pid}/stat fields 14 and 15, in clock ticks of 1/100 s on
    /// Linux), or null when it has exited.
    /// </summary>
    public static double? CpuSeconds(int processId)
    {
        var file = $"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat";
        if (!File.Exists(file))
        {
            return null;
        }

        // The command name (field 2) may hold spaces: count the fields from after its closing parenthesis.
        var stat = File.ReadAllText(file);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        const double TicksPerSecond = 100;
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

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
