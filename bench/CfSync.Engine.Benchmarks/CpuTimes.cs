using System.Globalization;

namespace CfSync.Engine.Benchmarks;

/// <summary>
/// The machine's CPU time from /proc/stat, so a figure can say how much of the machine it had: on a shared virtual
/// machine the hypervisor can take a large share (steal), and the same run then gives a much lower rate.
/// </summary>
internal sealed record CpuTimes(long Busy, long Idle, long Steal)
{
    /// <summary>Now, or null where /proc/stat is missing (not Linux).</summary>
    public static CpuTimes? Read()
    {
        const string path = "/proc/stat";
        if (!File.Exists(path))
        {
            return null;
        }

        // "cpu user nice system idle iowait irq softirq steal ...", in clock ticks summed over all cores.
        var ticks = File.ReadLines(path).First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        return new CpuTimes(Busy: ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6], Idle: ticks[3] + ticks[4], Steal: ticks[7]);
    }

    /// <summary>The shares of the time since <paramref name="start"/>: "CPU 93% busy, 31% stolen by the hypervisor".</summary>
    public string Since(CpuTimes start)
    {
        ArgumentNullException.ThrowIfNull(start);
        double busy = Busy - start.Busy, idle = Idle - start.Idle, steal = Steal - start.Steal;
        var total = Math.Max(1, busy + idle + steal);
        return $"CPU {100 * busy / total:F0}% busy, {100 * steal / total:F0}% stolen by the hypervisor";
    }
}
