using System.Text.Json.Nodes;
using CfSync.Cloudflare.Emulator.Control;

namespace CfSync.Comparison.Benchmarks.Workload;

/// <summary>
/// One system's Cloudflare calls in a scenario (from the emulator's journal, through a <see cref="JournalView"/>), and
/// the figures every scenario reports of them: 429s, the last write, the most calls in any window of Cloudflare's limit.
/// </summary>
internal sealed record TunnelCalls(IReadOnlyList<JournalEntry> Calls)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public const int Limit = 1200;

    /// <summary>Whether a call is about one of the tunnels: its path or request body names the id (CfSync's DNS records point at the tunnel).</summary>
    public static bool Names(IReadOnlyCollection<string> tunnelIds, JournalEntry entry) =>
        tunnelIds.Any(id => entry.Path.Contains(id, StringComparison.Ordinal) || (entry.RequestBody?.Contains(id, StringComparison.Ordinal) ?? false));

    /// <summary>The tunnel id a path is about (<c>.../cfd_tunnel/{id}/...</c>), or null.</summary>
    public static string? TunnelOf(string path)
    {
        const string marker = "/cfd_tunnel/";
        var at = path.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var rest = path[(at + marker.Length)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? rest : rest[..slash];
    }

    /// <summary>The configuration the tunnel holds: the <c>config</c> of the last PUT the emulator accepted, or null.</summary>
    public JsonObject? LastConfiguration(string tunnelId) =>
        Calls.LastOrDefault(e => e.Method == "PUT" && e.Status == 200 && e.Path.EndsWith($"/cfd_tunnel/{tunnelId}/configurations", StringComparison.Ordinal)) is { RequestBody: { } body }
            ? JsonNode.Parse(body)?["config"] as JsonObject
            : null;

    /// <summary>How many of <paramref name="hostnames"/> have no rule in the configuration the tunnel holds.</summary>
    public int Missing(string tunnelId, IEnumerable<string> hostnames)
    {
        var held = (LastConfiguration(tunnelId)?["ingress"]?.AsArray() ?? []).Select(r => (string?)r?["hostname"]).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return hostnames.Count(h => !held.Contains(h));
    }

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
