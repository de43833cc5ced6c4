using System.Runtime.InteropServices;
using CfSync.Kubernetes.DevCluster;
using Microsoft.Extensions.Logging;

// dotnet run --project src/CfSync.Kubernetes.DevCluster -- [--port N] [--kubeconfig FILE] [--ready-file FILE] [--verbose]
// A development cluster, NOT for production: no authentication, no persistence, no admission (docs/dev-cluster.md).
var (options, error) = CommandLine.Parse(args);
if (options is null)
{
    await Console.Error.WriteLineAsync($"error: {error}\n{CommandLine.Usage}");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

using var logging = LoggerFactory.Create(builder => builder
    .AddSimpleConsole(console => console.SingleLine = true)
    .AddFilter(level => level >= (options.Verbose ? LogLevel.Debug : LogLevel.Warning))
    .SetMinimumLevel(LogLevel.Debug));
var written = new List<string>();
try
{
    await using var server = await KubernetesTestApiServer.StartAsync(new TestApiServerOptions { Port = options.Port, Logging = logging }, stop.Token);
    if (options.Kubeconfig is { } kubeconfig)
    {
        written.Add(server.WriteKubeconfig(kubeconfig));
    }

    if (options.ReadyFile is { } readyFile)
    {
        // Written whole, then renamed, so that a script polling for the file never reads half of it.
        var partial = readyFile + ".partial";
        await File.WriteAllTextAsync(partial, server.BaseAddress + "\n", stop.Token);
        File.Move(partial, readyFile, overwrite: true);
        written.Add(readyFile);
    }

    Console.WriteLine($"CfSync dev cluster (not for production) listening on {server.BaseAddress}");
    if (options.Kubeconfig is not null)
    {
        Console.WriteLine($"export KUBECONFIG={options.Kubeconfig}");
    }

    await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    // Stopped while starting.
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    // A port already bound, a kubeconfig or ready file that cannot be written.
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return 1;
}
finally
{
    foreach (var file in written)
    {
        File.Delete(file);
    }
}

return 0;
