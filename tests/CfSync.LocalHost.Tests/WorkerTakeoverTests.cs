using CfSync.Sync.Entities;
using CfSync.Testing.Workers;
using Xunit.Abstractions;

namespace CfSync.LocalHost.Tests;

/// <summary>
/// Three local-host processes as workers of one task hub (issue 12, "Several workers on one task hub"): one is killed
/// with SIGKILL while every tunnel has a sync in flight, and the survivors must carry on as one system.
/// </summary>
public sealed class WorkerTakeoverTests(ITestOutputHelper output)
{
    /// <summary>
    /// What is asserted, and why:
    /// - the survivors own every partition (the drill waits for it, within the lease time plus a generous bound);
    /// - every tunnel ends on its newest configuration in Cloudflare (the emulator's stored one, not only the last PUT)
    ///   and its entity is Synced with the hash it applied: no sync was lost, whether its entity, its orchestration or
    ///   its activity lived on the killed worker;
    /// - the configurations Cloudflare applied to each tunnel, in the order it applied them, never go back to an older
    ///   generation once a newer one was applied: no stale configuration overwrote a newer one. The same generation
    ///   applied again (the held PUT and its re-run after takeover) is allowed: activities run at least once;
    /// - no PUT was answered with an error.
    /// </summary>
    [Fact]
    public async Task Survivors_take_over_a_killed_workers_partitions_and_finish_its_syncs()
    {
        var logs = Path.Combine(Path.GetTempPath(), $"cfsync-takeover-{Guid.NewGuid():N}");
        var report = await TakeoverDrill.RunAsync(new TakeoverDrillSettings(), logs, output.WriteLine);

        output.WriteLine($"killed {report.Victim}; survivors owned every partition {report.TakeoverTime.TotalSeconds:F1} s after the kill, " +
                         $"every tunnel converged after {report.ConvergedTime.TotalSeconds:F1} s; {report.Calls} Cloudflare calls, at most {report.MaxCallsPer5Minutes} in 5 minutes");
        foreach (var tunnel in report.Tunnels)
        {
            output.WriteLine($"{tunnel.TunnelId[..8]} (entity on the killed worker: {tunnel.OnVictim}): applied [{string.Join(", ", tunnel.Applied)}], {tunnel.Aborted} aborted");
        }

        Assert.DoesNotContain(report.Victim, report.After.Values);
        Assert.All(report.Tunnels, tunnel =>
        {
            Assert.Equal(TakeoverDrill.Generations, tunnel.Held);
            Assert.Equal(SyncStatus.Synced, tunnel.Status);
            Assert.True(tunnel.EntityAgrees, $"{tunnel.TunnelId}: the entity's applied hash is not its configuration hash");
            Assert.Equal(tunnel.Applied.Order(), tunnel.Applied);
            Assert.Equal(TakeoverDrill.Generations, tunnel.Applied[^1]);
            Assert.Equal(0, tunnel.Failed);
        });
        Directory.Delete(logs, recursive: true);
    }
}
