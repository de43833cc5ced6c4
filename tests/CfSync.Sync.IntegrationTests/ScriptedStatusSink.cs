using System.Collections.Concurrent;
using CfSync.Sync.Status;

namespace CfSync.Sync.IntegrationTests;

/// <summary>A status sink whose behaviour each test sets per tunnel: write, throw as an unreachable API server does, or hang.</summary>
internal sealed class ScriptedStatusSink : IStatusSink
{
    private readonly ConcurrentDictionary<string, Behaviour> behaviours = new();
    private readonly ConcurrentQueue<SyncStatusReport> written = new();

    public enum Behaviour
    {
        Write,
        Throw,

        /// <summary>Never returns and ignores cancellation, as a sink stuck on a dead connection would.</summary>
        Hang,
    }

    public IReadOnlyList<SyncStatusReport> Written => written.ToArray();

    public void Set(string tunnelId, Behaviour behaviour) => behaviours[tunnelId] = behaviour;

    public Task MirrorAsync(SyncStatusReport report, CancellationToken cancellationToken)
    {
        switch (behaviours.GetValueOrDefault(report.Resource.CloudflareId))
        {
            case Behaviour.Throw:
                throw new HttpRequestException("Connection refused (127.0.0.1:6443)");
            case Behaviour.Hang:
                return new TaskCompletionSource().Task;
            default:
                written.Enqueue(report);
                return Task.CompletedTask;
        }
    }
}
