using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace CfSync.Bridge.Health;

/// <summary>
/// The bridge's counters, as System.Diagnostics.Metrics instruments (meter <c>CfSync.Bridge</c>) and as the Prometheus
/// text /metrics serves. Counters count since the process started, across leadership terms.
/// </summary>
public sealed class BridgeMetrics : IDisposable
{
    public const string MeterName = "CfSync.Bridge";

    private readonly Meter _meter = new(MeterName);
    private readonly BridgeStatus _status;
    private readonly Instrument[] _instruments;
    private long _eventsSeen;
    private long _eventsUnchanged;
    private long _changesEnqueued;
    private long _messagesSent;
    private long _sendFailures;
    private long _relists;
    private long _reconnects;
    private long _resyncs;
    private long _queueDepth;
    private long _changesCoalesced;
    private long _holds;

    public BridgeMetrics(BridgeStatus status)
    {
        _status = status;
        _instruments =
        [
            new("events_seen", "Watch events seen (ADDED, MODIFIED, DELETED).", () => EventsSeen, Counter: true),
            new("events_unchanged", "Watch events that changed only what CfSync does not read (status, finalizers): not enqueued.", () => EventsUnchanged, Counter: true),
            new("changes_enqueued", "Changes written to the queue.", () => ChangesEnqueued, Counter: true),
            new("changes_coalesced", "Changes that replaced an older change of the same object still waiting in the bridge.", () => ChangesCoalesced, Counter: true),
            new("backpressure_holds", "Times the bridge held back because the change queue's oldest message had waited MaxQueueLag.", () => Holds, Counter: true),
            new("messages_sent", "Queue messages written.", () => MessagesSent, Counter: true),
            new("send_failures", "Queue writes that failed and were retried.", () => SendFailures, Counter: true),
            new("relists", "Lists after a kind's first (410 Gone, watch lost).", () => Relists, Counter: true),
            new("reconnects", "Watches reopened from the last resourceVersion.", () => Reconnects, Counter: true),
            new("resyncs", "Periodic full resyncs.", () => Resyncs, Counter: true),
            new("lag_seconds", "Age of the oldest change not yet enqueued.", () => _status.Lag().TotalSeconds, Counter: false),
            new("pending_changes", "Changes not yet enqueued.", () => _status.PendingChanges(), Counter: false),
            new("queue_depth", "Messages in the change queue, as Azure Storage approximates it (sampled).", () => Interlocked.Read(ref _queueDepth), Counter: false),
            new("leader", "1 while this replica holds the Lease.", () => _status.Leading ? 1 : 0, Counter: false),
        ];
        foreach (var instrument in _instruments)
        {
            var name = $"cfsync.bridge.{instrument.Name}";
            _ = instrument.Counter
                ? _meter.CreateObservableCounter(name, instrument.Value, description: instrument.Help)
                : (ObservableInstrument<double>)_meter.CreateObservableGauge(name, instrument.Value, description: instrument.Help);
        }
    }

    public long EventsSeen => Interlocked.Read(ref _eventsSeen);

    public long EventsUnchanged => Interlocked.Read(ref _eventsUnchanged);

    public long ChangesEnqueued => Interlocked.Read(ref _changesEnqueued);

    public long ChangesCoalesced => Interlocked.Read(ref _changesCoalesced);

    public long Holds => Interlocked.Read(ref _holds);

    public long MessagesSent => Interlocked.Read(ref _messagesSent);

    public long SendFailures => Interlocked.Read(ref _sendFailures);

    public long Relists => Interlocked.Read(ref _relists);

    public long Reconnects => Interlocked.Read(ref _reconnects);

    public long Resyncs => Interlocked.Read(ref _resyncs);

    internal void EventSeen() => Interlocked.Increment(ref _eventsSeen);

    internal void EventUnchanged() => Interlocked.Increment(ref _eventsUnchanged);

    internal void MessageSent(int changes)
    {
        Interlocked.Increment(ref _messagesSent);
        Interlocked.Add(ref _changesEnqueued, changes);
    }

    internal void ChangeCoalesced() => Interlocked.Increment(ref _changesCoalesced);

    internal void HeldBack() => Interlocked.Increment(ref _holds);

    internal void SendFailed() => Interlocked.Increment(ref _sendFailures);

    internal void Relisted() => Interlocked.Increment(ref _relists);

    internal void Reconnected() => Interlocked.Increment(ref _reconnects);

    internal void Resynced() => Interlocked.Increment(ref _resyncs);

    internal void QueueDepthSampled(long depth) => Interlocked.Exchange(ref _queueDepth, depth);

    /// <summary>The Prometheus text exposition format (version 0.0.4).</summary>
    public string ToPrometheusText()
    {
        var text = new StringBuilder();
        foreach (var instrument in _instruments)
        {
            var name = $"cfsync_bridge_{instrument.Name}{(instrument.Counter ? "_total" : "")}";
            text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {instrument.Help}\n# TYPE {name} {(instrument.Counter ? "counter" : "gauge")}\n{name} {instrument.Value()}\n");
        }

        text.Append("# HELP cfsync_bridge_kind_synced 1 while the kind's watch is open after a list.\n# TYPE cfsync_bridge_kind_synced gauge\n");
        foreach (var (kind, state) in _status.Kinds())
        {
            text.Append(CultureInfo.InvariantCulture, $"cfsync_bridge_kind_synced{{kind=\"{kind}\",state=\"{state}\"}} {(state == KindState.Synced ? 1 : 0)}\n");
        }

        return text.ToString();
    }

    public void Dispose() => _meter.Dispose();

    private sealed record Instrument(string Name, string Help, Func<double> Value, bool Counter);
}
