namespace CfSync.Intake.Benchmarks;

/// <summary>The figures of one rate: the load as sent, the change-to-write latency, the bridge's and the queue's series.</summary>
internal sealed record RateResult(
    int Rate,
    LoadResult Load,
    LatencySummary Latency,
    int NeverWritten,
    int ConfigurationPuts,
    TimeSpan Elapsed,
    IReadOnlyList<Sample<int>> QueueDepth,
    IReadOnlyList<Sample<BridgeMetrics>> Bridge,
    int FailedSamples,
    string LoadBefore,
    string LoadAfter)
{
    public double AchievedRate => Load.Applied.Count / Load.SendDuration.TotalSeconds;

    public int MaxQueueDepth => QueueDepth.Count == 0 ? 0 : QueueDepth.Max(s => s.Value);

    public double EventsSeen => Bridge.Count < 2 ? 0 : Bridge[^1].Value.EventsSeen - Bridge[0].Value.EventsSeen;

    /// <summary>Events per second from the first to the last sample in which the bridge saw new events.</summary>
    public double MeanEventsPerSecond
    {
        get
        {
            var active = Bridge.Zip(Bridge.Skip(1)).Where(p => p.Second.Value.EventsSeen > p.First.Value.EventsSeen).ToArray();
            return active.Length == 0 ? 0 : EventsSeen / (active[^1].Second.At - active[0].First.At).TotalSeconds;
        }
    }

    public double PeakEventsPerSecond => Bridge.Zip(Bridge.Skip(1))
        .Select(p => (p.Second.Value.EventsSeen - p.First.Value.EventsSeen) / (p.Second.At - p.First.At).TotalSeconds)
        .DefaultIfEmpty(0).Max();

    public double MaxBridgeLag => Bridge.Select(s => s.Value.LagSeconds).DefaultIfEmpty(0).Max();

    public double ChangesEnqueued => Bridge.Count < 2 ? 0 : Bridge[^1].Value.ChangesEnqueued - Bridge[0].Value.ChangesEnqueued;

    public double MessagesSent => Bridge.Count < 2 ? 0 : Bridge[^1].Value.MessagesSent - Bridge[0].Value.MessagesSent;
}
