using CfSync.Sync.Status;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace CfSync.Sync.Activities;

/// <summary>
/// Mirrors a sync's outcome through the configured status sink, within <see cref="SyncOptions.MirrorTimeout"/>: the
/// sink is cancelled then, and a sink that ignores cancellation is abandoned, so the mirror always ends.
/// </summary>
public sealed class MirrorStatusActivity(IStatusSink sink, IOptions<SyncOptions> options) : TaskActivity<SyncStatusReport, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, SyncStatusReport input)
    {
        var timeout = options.Value.MirrorTimeout;
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await sink.MirrorAsync(input, cancellation.Token).WaitAsync(cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw new TimeoutException($"mirroring the status of {input?.Resource} took longer than {timeout.TotalSeconds:F0} s");
        }

        return true;
    }
}
