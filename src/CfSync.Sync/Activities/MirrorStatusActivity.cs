using CfSync.Sync.Status;
using Microsoft.DurableTask;

namespace CfSync.Sync.Activities;

/// <summary>Mirrors a sync's outcome through the configured status sink.</summary>
public sealed class MirrorStatusActivity(IStatusSink sink) : TaskActivity<SyncStatusReport, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, SyncStatusReport input)
    {
        await sink.MirrorAsync(input, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
