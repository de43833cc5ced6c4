using System.Collections.Concurrent;
using CfSync.Sync.Status;

namespace CfSync.Sync.IntegrationTests;

/// <summary>Keeps every mirrored report, so tests can see what the engine told Kubernetes.</summary>
internal sealed class RecordingStatusSink : IStatusSink
{
    private readonly ConcurrentQueue<SyncStatusReport> reports = new();

    public IReadOnlyList<SyncStatusReport> Reports => reports.ToArray();

    public Task MirrorAsync(SyncStatusReport report, CancellationToken cancellationToken)
    {
        reports.Enqueue(report);
        return Task.CompletedTask;
    }
}
