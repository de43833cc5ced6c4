using System.Diagnostics;
using System.Text;

namespace CfSync.Comparison.Benchmarks.Chaos;

/// <summary>
/// A second event bridge with run-local's bridge's environment (read from /proc) and a Lease identity of its own;
/// the harness starts it, and kills it before the scenario returns.
/// </summary>
internal sealed class ChaosBridge(Process process) : IDisposable
{
    public static ChaosBridge Start(ComparisonOptions options, string identity, string log)
    {
        var dll = Path.Combine(ChaosTunnel.Repository, "src", "CfSync.Bridge", "bin", "Release", "net10.0", "CfSync.Bridge.dll");
        // exec: the process the harness holds is the bridge itself, so a kill reaches it.
        var start = new ProcessStartInfo("bash", ["-c", "exec dotnet \"$0\" >\"$1\" 2>&1", dll, log]) { WorkingDirectory = ChaosTunnel.Repository, UseShellExecute = false };
        start.Environment.Clear();
        var environ = File.ReadAllText($"/proc/{options.ProcessId("bridge")}/environ", Encoding.UTF8);
        foreach (var pair in environ.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                start.Environment[pair[..equals]] = pair[(equals + 1)..];
            }
        }

        start.Environment["CfSync__Bridge__Port"] = "0";
        start.Environment["CfSync__Bridge__Lease__Identity"] = identity;
        return new ChaosBridge(Process.Start(start)!);
    }

    /// <summary>SIGKILL, waited for; nothing when it has exited already.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }
    }

    public void Dispose() => process.Dispose();
}
