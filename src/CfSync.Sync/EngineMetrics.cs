using System.Diagnostics.Metrics;

namespace CfSync.Sync;

/// <summary>
/// The entities' counters (meter <c>CfSync.Sync</c>): self-signals scheduled, by operation, and whether the queue makes
/// them visible at once (a delay under a whole second). The engine benchmark reads them to count self-signals per change.
/// </summary>
public static class EngineMetrics
{
    public const string MeterName = "CfSync.Sync";

    public const string SelfSignalsName = "cfsync.entity.self_signals";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> SelfSignals = Meter.CreateCounter<long>(SelfSignalsName, description: "Signals an entity scheduled to itself.");

    public static void SelfSignal(string operation, TimeSpan delay) =>
        SelfSignals.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("immediate", delay < TimeSpan.FromSeconds(1)));
}
