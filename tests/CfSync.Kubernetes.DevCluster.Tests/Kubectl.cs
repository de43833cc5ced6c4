using System.Diagnostics;

namespace CfSync.Kubernetes.DevCluster.Tests;

/// <summary>
/// Runs the real kubectl (from PATH) against one server: its own kubeconfig, HOME and --cache-dir in a temporary folder,
/// so that tests share no discovery cache.
/// </summary>
internal sealed class Kubectl : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("cfsync-kubectl-").FullName;

    public Kubectl(KubernetesTestApiServer server)
    {
        Kubeconfig = server.WriteKubeconfig(Path.Combine(_folder, "kubeconfig"));
    }

    public string Kubeconfig { get; }

    public static string Samples { get; } = Path.Combine(AppContext.BaseDirectory, "samples", "cluster");

    public string Folder => _folder;

    /// <summary>Runs kubectl to its end; the result's exit code is not checked.</summary>
    public async Task<KubectlResult> RunAsync(params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);
        await process.WaitForExitAsync(timeout.Token);
        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs kubectl and asserts that it succeeds; returns its standard output.</summary>
    public async Task<string> SucceedAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', args)} exited {result.ExitCode}:\n{result.Stderr}\n{result.Stdout}");
        return result.Stdout;
    }

    /// <summary>Starts kubectl without waiting for it (kubectl delete waiting on a finalizer).</summary>
    public Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args.Append("--cache-dir").Append(Path.Combine(_folder, "cache")))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["KUBECONFIG"] = Kubeconfig;
        start.Environment["HOME"] = _folder;
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("kubectl is not on PATH: these tests run the real kubectl (1.32) against the dev cluster", e);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

internal sealed record KubectlResult(int ExitCode, string Stdout, string Stderr);
