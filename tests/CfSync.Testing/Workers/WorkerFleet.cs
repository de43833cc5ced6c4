using System.Globalization;
using CfSync.Cloudflare.Emulator;
using CfSync.Hosting.Dtfx;

namespace CfSync.Testing.Workers;

/// <summary>
/// Several local hosts as workers of one task hub, each with its own <see cref="DtfxHostOptions.WorkerId"/> (the name
/// the partition leases carry), calling one Cloudflare emulator. Disposing kills every one still running.
/// </summary>
public sealed class WorkerFleet : IDisposable
{
    private readonly List<LocalHostProcess> workers;

    private WorkerFleet(List<LocalHostProcess> workers) => this.workers = workers;

    /// <summary>Workers still running, by worker id.</summary>
    public IReadOnlyList<string> Running => [.. workers.Where(w => !w.HasExited).Select(w => w.Name)];

    public IReadOnlyList<string> All => [.. workers.Select(w => w.Name)];

    /// <summary>
    /// Starts <paramref name="count"/> workers named <c>{hub}-w1</c>... on <paramref name="hub"/> (its connection, name,
    /// partition count and visibility timeouts), logging to <paramref name="logDirectory"/>. Cloudflare attempts may
    /// take <paramref name="cloudflareAttemptTimeout"/>, so that a held PUT is not given up on while it is held.
    /// </summary>
    public static WorkerFleet Start(DtfxHostOptions hub, CloudflareEmulator emulator, int count, string logDirectory, TimeSpan cloudflareAttemptTimeout)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(emulator);
        var workers = new List<LocalHostProcess>();
        try
        {
            for (var i = 1; i <= count; i++)
            {
                var name = $"{hub.TaskHubName}-w{i}";
                workers.Add(LocalHostProcess.Start(name, Settings(hub, emulator, name, cloudflareAttemptTimeout), logDirectory));
            }
        }
        catch
        {
            workers.ForEach(w => w.Dispose());
            throw;
        }

        return new WorkerFleet(workers);
    }

    /// <summary>kill -9 of one worker.</summary>
    public void Kill(string workerId) => workers.Single(w => w.Name == workerId).Kill();

    public void Dispose() => workers.ForEach(w => w.Dispose());

    private static Dictionary<string, string> Settings(DtfxHostOptions hub, CloudflareEmulator emulator, string workerId, TimeSpan attemptTimeout)
    {
        const string Dtfx = "CfSync:Dtfx:";
        return new()
        {
            [Dtfx + nameof(DtfxHostOptions.ConnectionString)] = hub.ConnectionString,
            [Dtfx + nameof(DtfxHostOptions.TaskHubName)] = hub.TaskHubName,
            [Dtfx + nameof(DtfxHostOptions.PartitionCount)] = hub.PartitionCount.ToString(CultureInfo.InvariantCulture),
            [Dtfx + nameof(DtfxHostOptions.WorkItemQueueVisibilityTimeout)] = hub.WorkItemQueueVisibilityTimeout.ToString("c"),
            [Dtfx + nameof(DtfxHostOptions.ControlQueueVisibilityTimeout)] = hub.ControlQueueVisibilityTimeout.ToString("c"),
            [Dtfx + nameof(DtfxHostOptions.WorkerId)] = workerId,
            ["Cloudflare:BaseUrl"] = emulator.ApiBaseAddress.ToString(),
            ["Cloudflare:AttemptTimeout"] = attemptTimeout.ToString("c"),
            ["CLOUDFLARE_API_TOKEN"] = EmulatorOptions.DefaultToken,
        };
    }
}
