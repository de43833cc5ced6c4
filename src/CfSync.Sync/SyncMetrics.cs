using System.Diagnostics.Metrics;
using CfSync.Sync.Entities;

namespace CfSync.Sync;

/// <summary>
/// The engine's instruments (meter <c>CfSync.Sync</c>): the resource entities' <see cref="SyncMeasure"/>s, and the
/// self-signals every entity schedules, by operation and whether the queue makes them visible at once (a delay under a
/// whole second; the engine benchmark counts them per change).
/// Changes over succeeded syncs that applied is the debounce's coalescing ratio (changes per PUT). An entity operation
/// run again after a failed one of its batch counts twice: the figures are for dashboards, not for accounting.
/// </summary>
public static class SyncMetrics
{
    public const string MeterName = "CfSync.Sync";

    public const string SelfSignalsName = "cfsync.entity.self_signals";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Changes = Meter.CreateCounter<long>(
        "cfsync.sync.changes", "{change}", "Changes that altered a resource's aggregate input.");

    private static readonly Counter<long> Started = Meter.CreateCounter<long>(
        "cfsync.sync.started", "{sync}", "Sync orchestrations started, by purpose (change or drift check).");

    private static readonly Counter<long> Completed = Meter.CreateCounter<long>(
        "cfsync.sync.completed", "{sync}", "Syncs completed, by purpose and outcome (succeeded, failed); applied tells whether Cloudflare was changed.");

    private static readonly Histogram<double> ChangeToApply = Meter.CreateHistogram<double>(
        "cfsync.sync.change_to_apply", "s", "From the oldest change a sync carried to its successful apply in Cloudflare.");

    private static readonly Counter<long> SelfSignals = Meter.CreateCounter<long>(
        SelfSignalsName, "{signal}", "Signals an entity scheduled to itself.");

    public static void SelfSignal(string operation, TimeSpan delay) =>
        SelfSignals.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("immediate", delay < TimeSpan.FromSeconds(1)));

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
