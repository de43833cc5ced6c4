using System.Diagnostics;
using System.Globalization;

namespace CfSync.Comparison.Benchmarks.Scale;

/// <summary>
/// Another local host on run-local's task hub: the same command line, working folder and environment as run-local's
/// host (read from /proc), with a worker id of its own and a free port. Stopped with SIGTERM (killed after a bounded
/// wait); killed when disposed or, should the harness end first, when it exits, so none is left running.
/// </summary>
internal sealed class ExtraWorker : IDisposable
{
    private readonly Process process;

    private ExtraWorker(string name, string logPath, Process process)
    {
        Name = name;
        LogPath = logPath;
        this.process = process;
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
    }

    public string Name { get; }

    public string LogPath { get; }

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    public static ExtraWorker Start(ComparisonOptions options, string name, string logPath)
    {
        var localHostProcessId = options.ProcessId("localhost");
        var proc = $"/proc/{localHostProcessId.ToString(CultureInfo.InvariantCulture)}";
        var command = File.ReadAllText($"{proc}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var info = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = new DirectoryInfo($"{proc}/cwd").ResolveLinkTarget(returnFinalTarget: true)?.FullName
                ?? throw new InvalidOperationException($"The local host's working folder ({proc}/cwd) is unreadable."),
        };
        // exec: the shell becomes the host, so the pid is the host's; the log is a file, not a pipe this process drains.
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec \"$@\" >\"$CFSYNC_WORKER_LOG\" 2>&1");
        info.ArgumentList.Add("sh");
        foreach (var argument in command)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Clear();
        foreach (var (key, value) in options.HostEnvironment())
        {
            info.Environment[key] = value;
        }

        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        info.Environment["CfSync__Dtfx__WorkerId"] = name;
        info.Environment["CFSYNC_WORKER_LOG"] = logPath;
        return new ExtraWorker(name, logPath, Process.Start(info) ?? throw new InvalidOperationException($"The worker {name} did not start."));
    }

    /// <summary>SIGTERM, then SIGKILL if it has not exited within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (process.HasExited)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", ProcessId.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync().ConfigureAwait(false);
        }

        using var wait = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (wait.IsCancellationRequested)
        {
            Kill();
        }
    }

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        Kill();
        process.Dispose();
    }

    private void KillOnExit(object? sender, EventArgs e) => Kill();

    /// <summary>SIGKILL (with its children), waited for: a worker that dies without a word.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }
}
