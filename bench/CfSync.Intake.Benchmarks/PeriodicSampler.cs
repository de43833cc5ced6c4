using System.Diagnostics;

namespace CfSync.Intake.Benchmarks;

/// <summary>A value read at a moment of the run (time since the run started).</summary>
internal sealed record Sample<T>(TimeSpan At, T Value);

/// <summary>
/// Reads a value every period until stopped. A read that fails is counted and skipped (the stack is under load; a
/// missed sample only thins the series), and the count is reported with the figures.
/// </summary>
internal sealed class PeriodicSampler<T>(Func<CancellationToken, Task<T>> read, TimeSpan period, TimeProvider time)
{
    private readonly List<Sample<T>> samples = [];

    public IReadOnlyList<Sample<T>> Samples => samples;

    public int FailedReads { get; private set; }

    public string? FirstFailure { get; private set; }

    public async Task RunAsync(Stopwatch clock, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(period, time);
        try
        {
            do
            {
                try
                {
                    samples.Add(new Sample<T>(clock.Elapsed, await read(stop).ConfigureAwait(false)));
                }
                catch (Exception e) when (e is HttpRequestException or Azure.RequestFailedException or TaskCanceledException && !stop.IsCancellationRequested)
                {
                    FailedReads++;
                    FirstFailure ??= e.Message;
                }
            }
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped: the series ends here.
        }
    }
}
