using System.Diagnostics;
using CfSync.Kubernetes.DevCluster;

namespace CfSync.Bridge.Tests;

// The bridge program itself (the built CfSync.Bridge.dll), started as users start it.
public sealed class BridgeSettingsTests
{
    private const string SecretPart = "c2VjcmV0LWtleS1uZXZlci1wcmludGVk";

    [Fact]
    public async Task Without_a_cluster_it_exits_with_code_2_naming_KUBECONFIG()
    {
        var (code, error) = await RunAsync(new() { ["CFSYNC_STORAGE_CONNECTION"] = "UseDevelopmentStorage=true" });
        Assert.Equal(2, code);
        Assert.Contains("KUBECONFIG", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_storage_account_it_exits_with_code_2_naming_the_setting()
    {
        await using var server = await TestCluster.StartAsync();
        var kubeconfig = server.WriteKubeconfig(Path.GetTempFileName());
        try
        {
            var (code, error) = await RunAsync(new() { ["KUBECONFIG"] = kubeconfig });
            Assert.Equal(2, code);
            Assert.Contains("CFSYNC_STORAGE_CONNECTION", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    [Fact]
    public async Task A_bad_connection_string_and_bad_durations_exit_with_code_2_without_printing_the_key()
    {
        await using var server = await TestCluster.StartAsync();
        var kubeconfig = server.WriteKubeconfig(Path.GetTempFileName());
        try
        {
            var (code, error) = await RunAsync(new()
            {
                ["KUBECONFIG"] = kubeconfig,
                ["CFSYNC_STORAGE_CONNECTION"] = $"AccountName=x;AccountKey={SecretPart};Nonsense",
                ["CfSync__Bridge__Lease__RenewDeadline"] = "00:00:30",
                ["CfSync__Bridge__ResyncPeriod"] = "00:00:00",
                ["CfSync__Changes__Queue"] = "Not_A_Queue",
            });
            Assert.Equal(2, code);
            Assert.Contains("is not a valid Azure Storage connection string", error, StringComparison.Ordinal);
            Assert.Contains("RenewDeadline must be shorter than Duration", error, StringComparison.Ordinal);
            Assert.Contains("CfSync:Bridge:ResyncPeriod", error, StringComparison.Ordinal);
            Assert.Contains("CfSync:Changes:Queue", error, StringComparison.Ordinal);
            Assert.DoesNotContain(SecretPart, error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    private static async Task<(int Code, string Error)> RunAsync(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CfSync.Bridge.dll")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var inherited in new[] { "KUBECONFIG", "KUBERNETES_SERVICE_HOST", "CFSYNC_STORAGE_CONNECTION", "AzureWebJobsStorage" })
        {
            start.Environment.Remove(inherited);
        }

        start.Environment["CfSync__Bridge__Port"] = "0";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        Assert.DoesNotContain(SecretPart, await output, StringComparison.Ordinal);
        return (process.ExitCode, error);
    }
}
