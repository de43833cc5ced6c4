using System.Diagnostics;

namespace CfSync.Comparison.Benchmarks;

/// <summary>The log files of the processes the harness watches (run-local's, and those it starts), read while they are written.</summary>
internal static class ProcessLogs
{
    /// <summary>The length of <paramref name="log"/> now, for a wait to look past.</summary>
    public static long LengthOf(string log) => File.Exists(log) ? new FileInfo(log).Length : 0;

    /// <summary>Whether <paramref name="text"/> appears in <paramref name="log"/> past <paramref name="offset"/> within <paramref name="limit"/>.</summary>
    public static Task<bool> WaitForLineAsync(string log, long offset, string text, TimeSpan limit, CancellationToken cancellationToken) =>
        WaitForAsync(log, offset, written => written.Contains(text, StringComparison.Ordinal), limit, cancellationToken);

    /// <summary>Whether what <paramref name="log"/> holds past <paramref name="offset"/> satisfies <paramref name="found"/> within <paramref name="limit"/>.</summary>
    public static async Task<bool> WaitForAsync(string log, long offset, Func<string, bool> found, TimeSpan limit, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (File.Exists(log) && found(await ReadSharedAsync(log, offset, cancellationToken).ConfigureAwait(false)))
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    private static async Task<string> ReadSharedAsync(string path, long offset, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }
}
