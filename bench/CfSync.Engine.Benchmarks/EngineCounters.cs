using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Diagnostics.Tracing;
using CfSync.Sync;

namespace CfSync.Engine.Benchmarks;

/// <summary>
/// What one scenario cost the engine: self-signals the entities scheduled (meter <see cref="SyncMetrics.MeterName"/>),
/// how many of them the queue made visible at once, and storage requests (the Azure SDK's request events, the
/// client's own sends included).
/// </summary>
internal sealed class EngineCounters : EventListener
{
    private readonly MeterListener meters = new();
    private long selfSignals;
    private long immediate;
    private readonly ConcurrentDictionary<string, long> requestKinds = new();
    private readonly CpuTimes? cpuAtStart = CpuTimes.Read();
    private long storageRequests;

    public EngineCounters()
    {
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SyncMetrics.MeterName && instrument.Name == SyncMetrics.SelfSignalsName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            Interlocked.Add(ref selfSignals, value);
            foreach (var tag in tags)
            {
                if (tag is { Key: "immediate", Value: true })
                {
                    Interlocked.Add(ref immediate, value);
                }
            }
        });
        meters.Start();
    }

    public long SelfSignals => Interlocked.Read(ref selfSignals);

    public long Immediate => Interlocked.Read(ref immediate);

    public long StorageRequests => Interlocked.Read(ref storageRequests);

    /// <summary>Per change: self-signals, the immediate ones, storage requests and those by kind (largest first); the machine's CPU meanwhile.</summary>
    public string Per(int changes) =>
        $"{SelfSignals / (double)changes:F2} self-signals per change ({Immediate} visible at once), {StorageRequests / (double)changes:F1} storage requests per change " +
        $"({string.Join(", ", requestKinds.OrderByDescending(k => k.Value).Select(k => $"{k.Key} {k.Value / (double)changes:F2}"))})" +
        (cpuAtStart is not null && CpuTimes.Read() is { } now ? $"; {now.Since(cpuAtStart)}" : string.Empty);

    public override void Dispose()
    {
        meters.Dispose();
        base.Dispose();
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Azure-Core")
        {
            EnableEvents(eventSource, EventLevel.Informational);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName == "Request")
        {
            Interlocked.Increment(ref storageRequests);
            if (eventData.Payload is [_, string method, string uri, ..])
            {
                requestKinds.AddOrUpdate(StorageRequestKind.Of(method, uri), 1, (_, n) => n + 1);
            }
        }
    }
}
