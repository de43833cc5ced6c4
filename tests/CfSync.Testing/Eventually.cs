using System.Diagnostics;

namespace CfSync.Testing;

/// <summary>Polling assertions for effects that arrive asynchronously (queues, entities, orchestrations).</summary>
public static class Eventually
{
    static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Runs <paramref name="assertion"/> until it stops throwing. On timeout rethrows its last failure, wrapped in a
    /// <see cref="TimeoutException"/> that says how long it tried.
    /// </summary>
    public static async Task AssertAsync(Func<Task> assertion, TimeSpan timeout, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await assertion().ConfigureAwait(false);
                return;
            }
            catch (Exception) when (elapsed.Elapsed < timeout)
            {
                // Not yet: try again after the interval.
            }
            catch (Exception failure)
            {
                throw new TimeoutException($"Condition still failing after {elapsed.Elapsed.TotalSeconds:F1} s: {failure.Message}", failure);
            }

            await Task.Delay(interval ?? DefaultInterval).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> is true; throws <see cref="TimeoutException"/> naming <paramref name="what"/>.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var elapsed = Stopwatch.StartNew();
        while (!await condition().ConfigureAwait(false))
        {
            if (elapsed.Elapsed >= timeout)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:F1} s waiting for {what}.");
            }

            await Task.Delay(interval ?? DefaultInterval).ConfigureAwait(false);
        }
    }
}
