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
    public static async Task<bool> WaitForAsync(string log, long offset, Func<string, bool> found, TimeSpan limit, CancellationToken cancellationToken) =>
        await WaitForAnyAsync([(log, offset)], found, limit, cancellationToken).ConfigureAwait(false) >= 0;

    /// <summary>
    /// The index of the first of <paramref name="logs"/> whose text past its offset satisfies <paramref name="found"/>
    /// within <paramref name="limit"/>, or -1.
    /// </summary>
    public static async Task<int> WaitForAnyAsync(IReadOnlyList<(string Log, long Offset)> logs, Func<string, bool> found, TimeSpan limit, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            for (var i = 0; i < logs.Count; i++)
            {
                if (File.Exists(logs[i].Log) && found(await ReadSharedAsync(logs[i].Log, logs[i].Offset, cancellationToken).ConfigureAwait(false)))
                {
                    return i;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
        }

        return -1;
    }

    private static async Task<string> ReadSharedAsync(string path, long offset, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }
}
