using System.Threading.Channels;

namespace CfSync.Comparison.Benchmarks.Baseline;

/// <summary>
/// A controller's work queue: every change event is one reconcile, run by a few workers at once (controller-runtime's
/// MaxConcurrentReconciles); a reconcile that got a 429 goes back in after the retry-after. Nothing orders or merges them.
/// </summary>
internal sealed class ReconcileQueue
{
    private readonly Channel<Func<CancellationToken, Task<TimeSpan?>>> channel = Channel.CreateUnbounded<Func<CancellationToken, Task<TimeSpan?>>>();
    private readonly List<Task> workers;
    private readonly CancellationToken stopping;
    private int pending;
    private int waiting;
    private int failures;

    public ReconcileQueue(int concurrency, CancellationToken stopping)
    {
        this.stopping = stopping;
        workers = [.. Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkAsync, CancellationToken.None))];
    }

    /// <summary>No reconcile queued, running or waiting out a retry-after.</summary>
    public bool Idle => Volatile.Read(ref pending) == 0;

    /// <summary>Every reconcile not done is waiting out a retry-after: the controller is stalled on Cloudflare's limit.</summary>
    public bool Stalled => Volatile.Read(ref pending) is > 0 and var unfinished && Volatile.Read(ref waiting) == unfinished;

    /// <summary>Reconciles that ended in an error (a refused PUT, a lookup that failed): logged and dropped, as the seed's did.</summary>
    public int Failures => Volatile.Read(ref failures);

    public void Enqueue(Func<CancellationToken, Task<TimeSpan?>> reconcile)
    {
        Interlocked.Increment(ref pending);
        if (!channel.Writer.TryWrite(reconcile))
        {
            Interlocked.Decrement(ref pending);
        }
    }

    public Task StopAsync()
    {
        channel.Writer.TryComplete();
        return Task.WhenAll(workers);
    }

    private async Task WorkAsync()
    {
        try
        {
            await foreach (var reconcile in channel.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                TimeSpan? retryAfter;
                try
                {
                    retryAfter = await reconcile(stopping).ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpRequestException or k8s.Autorest.HttpOperationException)
                {
                    if (Interlocked.Increment(ref failures) == 1)
                    {
                        await Console.Error.WriteLineAsync($"baseline: a reconcile failed: {e.Message}").ConfigureAwait(false);
                    }

                    retryAfter = null;
                }

                if (retryAfter is { } wait)
                {
                    _ = RequeueAsync(reconcile, wait);
                }
                else
                {
                    Interlocked.Decrement(ref pending);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The scenario is over: reconciles still queued are dropped, as a stopped controller drops them.
        }
    }

    private async Task RequeueAsync(Func<CancellationToken, Task<TimeSpan?>> reconcile, TimeSpan retryAfter)
    {
        Interlocked.Increment(ref waiting);
        try
        {
            await Task.Delay(retryAfter, stopping).ConfigureAwait(false);
            Interlocked.Decrement(ref waiting);
            if (!channel.Writer.TryWrite(reconcile))
            {
                Interlocked.Decrement(ref pending);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped while waiting out the retry-after.
        }
    }
}
