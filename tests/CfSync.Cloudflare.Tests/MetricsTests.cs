using System.Diagnostics.Metrics;
using CfSync.Cloudflare.Emulator.Control;

namespace CfSync.Cloudflare.Tests;

/// <summary>Instruments are process-wide, so these run alone: no other test's requests are counted.</summary>
[CollectionDefinition(nameof(MetricsTests), DisableParallelization = true)]
public sealed class MetricsGroup;

[Collection(nameof(MetricsTests))]
public sealed class MetricsTests
{
    [Fact]
    public async Task Every_attempt_is_counted_by_method_and_status_and_a_429_as_rate_limited()
    {
        await using var edge = await EdgeHarness.StartAsync();
        edge.Emulator.Faults.Add(new FaultRule("accounts/*/cfd_tunnel/*", "GET", Count: 1, Status: 429, RetryAfterSeconds: 1));
        var recorded = new List<(string Instrument, long Value, string Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CloudflareMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (recorded)
            {
                recorded.Add((instrument.Name, value, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"))));
            }
        });
        listener.Start();

        Assert.NotNull(await edge.Client.Tunnels.GetAsync(EdgeHarness.Account, EdgeHarness.TunnelId));

        Assert.Equal(
            ["http.request.method=GET,http.response.status_code=429", "http.request.method=GET,http.response.status_code=200"],
            recorded.Where(r => r.Instrument == "cfsync.cloudflare.requests").Select(r => r.Tags));
        Assert.Equal(1, recorded.Where(r => r.Instrument == "cfsync.cloudflare.rate_limited").Sum(r => r.Value));
    }
}
