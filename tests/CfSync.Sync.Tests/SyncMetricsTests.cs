using System.Diagnostics.Metrics;
using CfSync.Sync.Applying;
using CfSync.Sync.Entities;

namespace CfSync.Sync.Tests;

public sealed class SyncMetricsTests
{
    [Fact]
    public void A_sync_that_applied_counts_as_applied_and_records_its_latency()
    {
        var recorded = new List<(string Instrument, double Value, string Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SyncMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => recorded.Add((i.Name, v, Tags(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => recorded.Add((i.Name, v, Tags(tags))));
        listener.Start();

        SyncMetrics.Record(new SyncMeasure(SyncMeasureKind.Succeeded, ApplyPurpose.Change, Applied: true, ChangeToApply: TimeSpan.FromSeconds(4)));
        SyncMetrics.Record(new SyncMeasure(SyncMeasureKind.Failed, ApplyPurpose.DriftCheck));

        Assert.Equal(
            [
                ("cfsync.sync.completed", 1, "purpose=Change,outcome=succeeded,applied=True"),
                ("cfsync.sync.change_to_apply", 4, ""),
                ("cfsync.sync.completed", 1, "purpose=DriftCheck,outcome=failed,applied=False"),
            ],
            recorded);
    }

    private static string Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"));
}
