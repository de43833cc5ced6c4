using System.Globalization;

namespace CfSync.Intake.Benchmarks;

/// <summary>The bridge's counters and gauges of one /metrics read (docs/bridge.md, "Health and metrics").</summary>
internal sealed record BridgeMetrics(double EventsSeen, double ChangesEnqueued, double MessagesSent, double LagSeconds, double PendingChanges)
{
    public static async Task<BridgeMetrics> ReadAsync(HttpClient http, Uri metrics, CancellationToken cancellationToken)
    {
        var text = await http.GetStringAsync(metrics, cancellationToken).ConfigureAwait(false);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            // Prometheus text: "name value" or "name{labels} value"; only the unlabelled series are read.
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && !line.StartsWith('#') && !parts[0].Contains('{', StringComparison.Ordinal)
                && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                values[parts[0]] = value;
            }
        }

        double Value(string name) => values.TryGetValue(name, out var v)
            ? v : throw new InvalidDataException($"The bridge's /metrics ({metrics}) has no {name}.");
        return new BridgeMetrics(
            Value("cfsync_bridge_events_seen_total"),
            Value("cfsync_bridge_changes_enqueued_total"),
            Value("cfsync_bridge_messages_sent_total"),
            Value("cfsync_bridge_lag_seconds"),
            Value("cfsync_bridge_pending_changes"));
    }
}
