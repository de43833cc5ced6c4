using System.Text.Json;
using CfSync.Cloudflare.Emulator.Control;
using CfSync.Comparison.Benchmarks.Workload;

namespace CfSync.Comparison.Benchmarks.Sustained;

/// <summary>One accepted configuration PUT: when it arrived and the newest change version it carried.</summary>
internal sealed record CarriedVersion(DateTimeOffset Arrived, int Version);

/// <summary>
/// What the emulator's journal says about a set of tunnels: every call to them, the 429s, and per tunnel the change
/// versions its accepted PUTs carried (a change's hostname is <c>v{version}-...</c>, so a later PUT that carries a
/// newer version has applied every older one too: coalescing is not loss).
/// </summary>
internal sealed class TunnelWrites
{
    private readonly Dictionary<string, List<CarriedVersion>> carried = new(StringComparer.Ordinal);

    private TunnelWrites(TunnelCalls calls, DateTimeOffset from)
    {
        Calls = calls;
        From = from;
    }

    public TunnelCalls Calls { get; }

    public DateTimeOffset From { get; }

    /// <summary>The system's calls from <paramref name="from"/> on: those the filter keeps.</summary>
    public static TunnelWrites Of(IReadOnlyList<JournalEntry> journal, DateTimeOffset from, Func<JournalEntry, bool> isSystems)
    {
        var calls = journal.Where(e => e.Timestamp >= from && isSystems(e)).ToList();
        var writes = new TunnelWrites(new TunnelCalls(calls), from);
        foreach (var put in calls.Where(c => c is { Method: "PUT", Status: 200, RequestBody: not null } && c.Path.EndsWith("/configurations", StringComparison.Ordinal)))
        {
            var tunnel = TunnelCalls.TunnelOf(put.Path)!;
            if (!writes.carried.TryGetValue(tunnel, out var list))
            {
                writes.carried[tunnel] = list = [];
            }

            list.Add(new CarriedVersion(put.Timestamp, NewestVersion(put.RequestBody!)));
        }

        return writes;
    }

    /// <summary>When the first accepted PUT carrying <paramref name="version"/> or newer reached the tunnel after <paramref name="after"/>.</summary>
    public DateTimeOffset? AppliedAt(string tunnelId, int version, DateTimeOffset after) =>
        carried.TryGetValue(tunnelId, out var list)
            ? list.Where(c => c.Version >= version && c.Arrived >= after).Select(c => (DateTimeOffset?)c.Arrived).FirstOrDefault()
            : null;

    /// <summary>Whether every change's version (or a newer one) reached its tunnel after the change.</summary>
    public bool AllApplied(IReadOnlyList<TunnelChange> changes) =>
        changes.GroupBy(c => c.TunnelId).All(g => g.MaxBy(c => c.Version) is { } newest && AppliedAt(g.Key, newest.Version, newest.Returned) is not null);

    /// <summary>
    /// Per second from <see cref="From"/>: the age of the oldest change not yet applied at that moment, on the worst
    /// tunnel (0 when every change made so far is applied).
    /// </summary>
    public IReadOnlyList<SeriesPoint> Staleness(IReadOnlyList<TunnelChange> changes, TimeSpan length)
    {
        var applied = changes.Select(c => (c.Returned, Applied: AppliedAt(c.TunnelId, c.Version, c.Returned))).ToList();
        return Enumerable.Range(0, (int)Math.Ceiling(length.TotalSeconds)).Select(s =>
        {
            var at = From + TimeSpan.FromSeconds(s);
            var oldest = applied.Where(c => c.Returned <= at && (c.Applied is null || c.Applied > at)).Select(c => (DateTimeOffset?)c.Returned).Min();
            return new SeriesPoint(s, oldest is { } o ? (at - o).TotalSeconds : 0);
        }).ToList();
    }

    /// <summary>Calls per second, one point per second from <see cref="From"/>.</summary>
    public IReadOnlyList<SeriesPoint> CallsPerSecond(TimeSpan length) =>
        Enumerable.Range(0, (int)Math.Ceiling(length.TotalSeconds))
            .Select(s => new SeriesPoint(s, Calls.Calls.Count(c => (int)Math.Floor((c.Timestamp - From).TotalSeconds) == s)))
            .ToList();

    private static int NewestVersion(string body)
    {
        using var document = JsonDocument.Parse(body);
        var newest = -1;
        foreach (var rule in document.RootElement.GetProperty("config").GetProperty("ingress").EnumerateArray())
        {
            if (rule.TryGetProperty("hostname", out var hostname) && hostname.GetString() is { } name
                && SustainedLoad.VersionOf(name) is { } version)
            {
                newest = Math.Max(newest, version);
            }
        }

        return newest;
    }
}
