using System.Diagnostics;
using k8s;
using k8s.Models;

namespace CfSync.Kubernetes.DevCluster.Tests;

// The dev cluster as a developer runs it: dotnet run --project src/CfSync.Kubernetes.DevCluster -- --port 0 --kubeconfig F.
public sealed class ProgramTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("cfsync-devcluster-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CfSync.Kubernetes.DevCluster.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("the dev cluster did not start");
    }

    private static async Task WaitForFileAsync(string path, Process process)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!File.Exists(path))
        {
            if (process.HasExited)
            {
                Assert.Fail($"the dev cluster exited {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    [Fact]
    public async Task It_serves_through_the_kubeconfig_it_writes_and_on_SIGTERM_exits_0_leaving_no_file_behind()
    {
        var kubeconfig = Path.Combine(_folder, "kubeconfig");
        var ready = Path.Combine(_folder, "ready");
        using var process = Start("--port", "0", "--kubeconfig", kubeconfig, "--ready-file", ready);
        var stdout = process.StandardOutput.ReadToEndAsync();
        await WaitForFileAsync(ready, process);
        var url = (await File.ReadAllTextAsync(ready)).Trim();

        using (var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig)))
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "edge" } });
            Assert.Equal("edge", Assert.Single((await client.CoreV1.ListNamespaceAsync()).Items).Metadata.Name);
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(Patience);
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(0, process.ExitCode);
        Assert.StartsWith("http://127.0.0.1:", url, StringComparison.Ordinal);
        Assert.Contains($"listening on {url}", await stdout, StringComparison.Ordinal);
        Assert.Contains("not for production", await stdout, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Theory]
    [InlineData("--port", "http", "--port: 'http' is not a port number")]
    [InlineData("--port", "70000", "--port: '70000' is not a port number")]
    [InlineData("--kubeconfig", null, "--kubeconfig needs a value")]
    [InlineData("--tls", "yes", "unknown argument '--tls'")]
    public async Task A_bad_argument_is_exit_2_naming_it(string name, string? value, string error)
    {
        await ExitsWithAsync(2, error, value is null ? [name] : [name, value]);
    }

    [Fact]
    public async Task An_existing_kubeconfig_is_never_taken_over()
    {
        var existing = Path.Combine(_folder, "config");
        await File.WriteAllTextAsync(existing, "mine");

        await ExitsWithAsync(2, $"--kubeconfig: '{existing}' exists", "--kubeconfig", existing);

        Assert.Equal("mine", await File.ReadAllTextAsync(existing));
    }

    private static async Task ExitsWithAsync(int code, string error, params string[] args)
    {
        using var process = Start(args);
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(code, process.ExitCode);
        Assert.Contains($"error: {error}", await stderr, StringComparison.Ordinal);
    }
}
