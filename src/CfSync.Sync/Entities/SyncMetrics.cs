using System.Diagnostics.Metrics;

namespace CfSync.Sync.Entities;

/// <summary>
/// The engine's instruments (meter <c>CfSync.Sync</c>), fed by the resource entities' <see cref="SyncMeasure"/>s.
/// Changes over succeeded syncs that applied is the debounce's coalescing ratio (changes per PUT). An entity operation
/// run again after a failed one of its batch counts twice: the figures are for dashboards, not for accounting.
/// </summary>
public static class SyncMetrics
{
    public const string MeterName = "CfSync.Sync";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Changes = Meter.CreateCounter<long>(
        "cfsync.sync.changes", "{change}", "Changes that altered a resource's aggregate input.");

    private static readonly Counter<long> Started = Meter.CreateCounter<long>(
        "cfsync.sync.started", "{sync}", "Sync orchestrations started, by purpose (change or drift check).");

    private static readonly Counter<long> Completed = Meter.CreateCounter<long>(
        "cfsync.sync.completed", "{sync}", "Syncs completed, by purpose and outcome (succeeded, failed); applied tells whether Cloudflare was changed.");

    private static readonly Histogram<double> ChangeToApply = Meter.CreateHistogram<double>(
        "cfsync.sync.change_to_apply", "s", "From the oldest change a sync carried to its successful apply in Cloudflare.");

    public static void Record(SyncMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        var purpose = new KeyValuePair<string, object?>("purpose", measure.Purpose.ToString());
        switch (measure.Kind)
        {
            case SyncMeasureKind.Changed:
                Changes.Add(1);
                break;
            case SyncMeasureKind.Started:
                Started.Add(1, purpose);
                break;
            case SyncMeasureKind.Failed:
                Completed.Add(1, purpose, new("outcome", "failed"), new("applied", false));
                break;
            default:
                Completed.Add(1, purpose, new("outcome", "succeeded"), new("applied", measure.Applied));
                if (measure.ChangeToApply is { } latency)
                {
                    ChangeToApply.Record(latency.TotalSeconds);
                }

                break;
        }
    }
}
