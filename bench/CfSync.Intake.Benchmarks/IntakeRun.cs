using System.Diagnostics;
using Azure.Storage.Queues;
using k8s;

namespace CfSync.Intake.Benchmarks;

/// <summary>
/// One rate: sends the load while sampling the queue depth (every 250 ms) and the bridge's metrics (every second),
/// then waits until every change reached Cloudflare (or the settle limit passed) and the queue is empty again.
/// </summary>
internal sealed class IntakeRun(IntakeBenchmarkOptions options, IKubernetes kubernetes, HttpClient http, QueueClient queue, TimeProvider time)
{
    private static readonly TimeSpan JournalPoll = TimeSpan.FromSeconds(2);

    public async Task<RateResult> RunAsync(int rate, CancellationToken cancellationToken)
    {
        var loadBefore = LoadAverage.Read();
        var journal = new CloudflareWriteJournal(http, options.Emulator);
        await journal.RefreshAsync(cancellationToken).ConfigureAwait(false); // earlier runs' writes are not this run's
        var putsBefore = journal.ConfigurationPuts;

        var depth = new PeriodicSampler<int>(
            async ct => (await queue.GetPropertiesAsync(ct).ConfigureAwait(false)).Value.ApproximateMessagesCount,
            TimeSpan.FromMilliseconds(250), time);
        var bridge = new PeriodicSampler<BridgeMetrics>(
            ct => BridgeMetrics.ReadAsync(http, options.BridgeMetrics, ct), TimeSpan.FromSeconds(1), time);
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clock = Stopwatch.StartNew();
        var sampling = Task.WhenAll(depth.RunAsync(clock, stopSampling.Token), bridge.RunAsync(clock, stopSampling.Token));

        var load = await new ChangeLoad(kubernetes, time).RunAsync($"r{rate}", rate, options.LoadDuration, cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"  {rate}/s: {load.Applied.Count} Ingresses created in {load.SendDuration.TotalSeconds:F1} s ({load.Failed} refused); waiting for Cloudflare...");

        var settleUntil = clock.Elapsed + options.SettleLimit;
        int unwritten;
        do
        {
            await Task.Delay(JournalPoll, time, cancellationToken).ConfigureAwait(false);
            await journal.RefreshAsync(cancellationToken).ConfigureAwait(false);
            unwritten = load.Applied.Count(c => journal.FirstWriteOf(c.Hostname) is null);
        }
        while (unwritten > 0 && clock.Elapsed < settleUntil);

        // A last few samples after the final write: the queue drains, the bridge's counters settle.
        await Task.Delay(TimeSpan.FromSeconds(3), time, cancellationToken).ConfigureAwait(false);
        await stopSampling.CancelAsync().ConfigureAwait(false);
        await sampling.ConfigureAwait(false);

        var latencies = load.Applied
            .Select(c => journal.FirstWriteOf(c.Hostname) is { } written ? (written - c.Returned).TotalSeconds : (double?)null)
            .OfType<double>();
        return new RateResult(
            rate, load, LatencySummary.Of(latencies), unwritten, journal.ConfigurationPuts - putsBefore, clock.Elapsed,
            depth.Samples, bridge.Samples, depth.FailedReads + bridge.FailedReads, loadBefore, LoadAverage.Read());
    }
}
