using System.Globalization;
using CfSync.Testing.Workers;

namespace CfSync.Comparison.Benchmarks.Scale;

/// <summary>
/// The chaos fault the three-worker case carries: whichever extra worker first logs that it started a sync
/// orchestration (its partition holds it) or an apply activity for one of the case's tunnels is killed (SIGKILL), so a
/// sync is mid-flight on it. Any extra worker may be the one: with few tunnels, one chosen in advance may never be
/// given a sync. Orchestrations count as well as applies because the activity queue is shared: a busy worker that
/// polls it often can take every apply, while an orchestration runs only on its partition's owner. The other
/// workers must take over its partitions (after their leases expire) and finish every sync; reported as a chaos
/// result, timed from the kill until Cloudflare holds every rule and the survivors hold its partitions.
/// </summary>
internal sealed class MidSyncKill(IReadOnlyList<ExtraWorker> candidates, IReadOnlyList<ScaleTunnel> tunnels, string storageConnection, string taskHub)
{
    private const string Fault = "worker killed mid-sync (SIGKILL)";
    // Ends both "'SyncResourceOrchestration' orchestration with ID '" and "'ApplyToCloudflareActivity' activity of
    // orchestration ID '"; the instance id that follows is TunnelConfiguration:{tunnel}:sync:{count}.
    private const string SyncMarker = "ID 'TunnelConfiguration:";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private DateTimeOffset? killed;
    private IReadOnlyList<string> held = [];
    private double? takenOver;

    /// <summary>The worker that was killed; null until one started a sync.</summary>
    public ExtraWorker? Victim { get; private set; }

    /// <summary>
    /// Waits (bounded) for the first sync of the case's tunnels on any candidate, notes that worker's partitions, kills
    /// it, then waits (bounded) until other workers hold every partition it held.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var logs = candidates.Select(c => (c.LogPath, ProcessLogs.LengthOf(c.LogPath))).ToList();
        var starts = tunnels.Select(t => $"{SyncMarker}{t.Id}:sync:").ToList();
        bool Started(string log) => log.Split('\n').Any(line => line.TrimEnd().EndsWith("' started.", StringComparison.Ordinal)
            && starts.Any(start => line.Contains(start, StringComparison.Ordinal)));
        var first = await ProcessLogs.WaitForAnyAsync(logs, Started, Limit, cancellationToken).ConfigureAwait(false);
        Victim = first >= 0 ? candidates[first] : null;
        if (Victim is not { } victim)
        {
            return;
        }

        held = [.. (await PartitionLeases.ReadAsync(storageConnection, taskHub).ConfigureAwait(false)).Where(p => p.Value == victim.Name).Select(p => p.Key)];
        victim.Kill();
        killed = DateTimeOffset.UtcNow;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < Limit)
        {
            var owners = await PartitionLeases.ReadAsync(storageConnection, taskHub).ConfigureAwait(false);
            if (held.All(p => owners.GetValueOrDefault(p) is { } owner && owner != victim.Name))
            {
                takenOver = clock.Elapsed.TotalSeconds;
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <param name="correct">Whether every tunnel of the case ended with all its hostnames.</param>
    /// <param name="lastApplied">When the last configuration PUT that completed Cloudflare's copy arrived.</param>
    /// <param name="ownersAfter">The partitions' owners once the case is over.</param>
    public ChaosResult Result(bool correct, DateTimeOffset? lastApplied, IReadOnlyDictionary<string, string?> ownersAfter)
    {
        if (killed is not { } at || Victim is not { } victim)
        {
            return new ChaosResult(Fault, false, Limit.TotalSeconds, string.Create(CultureInfo.InvariantCulture,
                $"{string.Join(" and ", candidates.Select(c => c.Name))} started no sync for the case's tunnels within {Limit.TotalSeconds:F0} s, so none was killed"));
        }

        var takenBy = string.Join(", ", held.Select(p => $"{p} -> {ownersAfter.GetValueOrDefault(p) ?? "none"}"));
        var converged = correct && lastApplied is not null && (held.Count == 0 || takenOver is not null);
        // Converged once Cloudflare is whole and the killed worker's partitions (its orchestrations) have new owners.
        var seconds = converged ? Math.Max(Math.Max(0, (lastApplied!.Value - at).TotalSeconds), takenOver ?? 0) : (DateTimeOffset.UtcNow - at).TotalSeconds;
        var takeover = takenOver is { } over
            ? string.Create(CultureInfo.InvariantCulture, $"all held by other workers {over:F0} s after the kill")
            : string.Create(CultureInfo.InvariantCulture, $"not all taken over within {Limit.TotalSeconds:F0} s");
        return new ChaosResult(Fault, converged, seconds, string.Create(CultureInfo.InvariantCulture,
            $"{victim.Name} killed as it started a sync; the partitions it held: {(held.Count == 0 ? "none" : takenBy)}, {takeover}; {(correct ? "every tunnel of the case whole" : "some tunnels of the case not whole")}; seconds from the kill until Cloudflare was whole and its partitions taken over"));
    }
}
