using System.Text.Json.Nodes;
using CfSync.Cloudflare.Emulator.Control;

namespace CfSync.Comparison.Benchmarks.Workload;

/// <summary>
/// The emulator's journal seen per system: a call is a system's when its path or request body names one of that
/// system's tunnel ids (the tunnel's configuration; CfSync's DNS records point at the tunnel), since the scenario's start.
/// </summary>
internal sealed record TunnelCalls(IReadOnlyList<JournalEntry> Calls)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public const int Limit = 1200;

    public static async Task<TunnelCalls> ReadAsync(EmulatorControlClient emulator, IReadOnlyCollection<string> tunnelIds, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var journal = await emulator.GetJournalAsync(cancellationToken).ConfigureAwait(false);
        return new TunnelCalls([.. journal.Where(e => e.Timestamp >= since && tunnelIds.Any(id => e.Path.Contains(id, StringComparison.Ordinal) || (e.RequestBody?.Contains(id, StringComparison.Ordinal) ?? false)))]);
    }

    /// <summary>The configuration the tunnel holds: the <c>config</c> of the last PUT the emulator accepted, or null.</summary>
    public JsonObject? LastConfiguration(string tunnelId) =>
        Calls.LastOrDefault(e => e.Method == "PUT" && e.Status == 200 && e.Path.EndsWith($"/cfd_tunnel/{tunnelId}/configurations", StringComparison.Ordinal)) is { RequestBody: { } body }
            ? JsonNode.Parse(body)?["config"] as JsonObject
            : null;

    public int TooManyRequests => Calls.Count(e => e.Status == 429);

    public DateTimeOffset? LastWrite => Calls.Where(e => e.Method != "GET").Select(e => (DateTimeOffset?)e.Timestamp).Max();

    /// <summary>The most calls in any sliding window of Cloudflare's limit (5 minutes).</summary>
    public int MaxInAnyWindow()
    {
        var times = Calls.Select(e => e.Timestamp).Order().ToArray();
        var max = 0;
        for (int start = 0, end = 0; end < times.Length; end++)
        {
            while (times[end] - times[start] >= Window)
            {
                start++;
            }

            max = Math.Max(max, end - start + 1);
        }

        return max;
    }

    /// <summary>
    /// Waits until the system wrote since <paramref name="since"/> and then nothing for <paramref name="quiet"/> while it
    /// is idle (the baseline: no reconcile queued or waiting out a retry-after), or <paramref name="timeout"/> passed.
    /// <paramref name="probe"/> gives the last write and whether the system is idle. False: it did not settle in time.
    /// </summary>
    public static async Task<bool> SettleAsync(
        Func<CancellationToken, Task<(DateTimeOffset? LastWrite, bool Idle)>> probe, DateTimeOffset since, TimeSpan quiet, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = since + timeout;
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            var (last, idle) = await probe(cancellationToken).ConfigureAwait(false);
            var now = DateTimeOffset.UtcNow;
            if (last is { } written && written >= since && now - written >= quiet && idle)
            {
                return true;
            }

            if (now >= deadline)
            {
                return false;
            }
        }
    }
}
