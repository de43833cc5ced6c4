using System.Diagnostics;
using System.Globalization;

namespace CfSync.Comparison.Benchmarks;

/// <summary>Runs a command line tool (kubectl, the CLI, kill) and returns what it printed; another exit code throws with its error output.</summary>
internal static class Commands
{
    public static async Task<string> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken, int[]? acceptedExitCodes = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (!(acceptedExitCodes ?? [0]).Contains(process.ExitCode))
        {
            var message = (await error.ConfigureAwait(false)).Trim();
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {message}"));
        }

        return await output.ConfigureAwait(false);
    }
}
