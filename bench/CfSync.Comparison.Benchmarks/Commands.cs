using System.Diagnostics;
using System.Globalization;

namespace CfSync.Comparison.Benchmarks;

/// <summary>
/// Runs a command line tool (kubectl, the CLI, kill) and returns what it printed; another exit code throws with its
/// error output. Every run is bounded: a tool that hangs (kubectl against an API server that stopped answering) is
/// killed with its children when the token fires or <see cref="Limit"/> passes, so no wait outlives the run's bounds.
/// </summary>
internal static class Commands
{
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static async Task<string> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken, int[]? acceptedExitCodes = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Limit);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(bounded.Token);
        var error = process.StandardError.ReadToEndAsync(bounded.Token);
        try
        {
            await process.WaitForExitAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"{program} {string.Join(' ', arguments)} did not exit within {Limit.TotalSeconds:F0} s; killed"));
        }

        if (!(acceptedExitCodes ?? [0]).Contains(process.ExitCode))
        {
            var message = (await error.ConfigureAwait(false)).Trim();
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {message}"));
        }

        return await output.ConfigureAwait(false);
    }
}
