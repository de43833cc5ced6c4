using System.Diagnostics;

namespace CfSync.Testing.Workers;

/// <summary>
/// The built local host (<c>CfSync.LocalHost.dll</c>, copied beside the test assembly) as a child process, configured
/// only through environment variables, its output written to a log file. <see cref="Kill"/> is a real kill -9. The
/// process is killed when this object is disposed and, should the test process end first, when that exits.
/// </summary>
public sealed class LocalHostProcess : IDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;
    private bool logClosed;

    private LocalHostProcess(string name, Process process, StreamWriter log, string logPath)
    {
        Name = name;
        this.process = process;
        this.log = log;
        LogPath = logPath;
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
    }

    public string Name { get; }

    public string LogPath { get; }

    public bool HasExited => process.HasExited;

    /// <summary>
    /// Starts the local host with <paramref name="settings"/> as configuration keys (<c>CfSync:Dtfx:WorkerId</c>; written
    /// to the environment as <c>CfSync__Dtfx__WorkerId</c>). Its HTTP API listens on a free loopback port; no cluster
    /// is configured (<c>KUBECONFIG</c> removed), so it runs as a pure worker of the engine.
    /// </summary>
    public static LocalHostProcess Start(string name, IReadOnlyDictionary<string, string> settings, string logDirectory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var info = new ProcessStartInfo("dotnet", Path.Combine(AppContext.BaseDirectory, "CfSync.LocalHost.dll"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment.Remove("KUBECONFIG");
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        Directory.CreateDirectory(logDirectory);
        var logPath = Path.Combine(logDirectory, $"{name}.log");
        var log = File.CreateText(logPath);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"The local host {name} did not start.");
        var started = new LocalHostProcess(name, process, log, logPath);
        process.OutputDataReceived += (_, e) => started.Write(e.Data);
        process.ErrorDataReceived += (_, e) => started.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>SIGKILL: no shutdown, no lease release; what it held stays locked in storage until its leases expire.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
    }

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        Kill();
        process.Dispose();
        lock (log)
        {
            logClosed = true;
            log.Dispose();
        }
    }

    private void KillOnExit(object? sender, EventArgs e) => Kill();

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (!logClosed)
            {
                log.WriteLine(line);
            }
        }
    }
}
