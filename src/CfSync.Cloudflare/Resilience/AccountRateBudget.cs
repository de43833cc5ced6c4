namespace CfSync.Cloudflare.Resilience;

/// <summary>
/// The request budget of one Cloudflare account/token, shared by every caller in the process.
/// A strict sliding log (not fixed windows or segments), so no window of <c>Window</c> length ever
/// holds more than <c>PermitLimit</c> requests; plus a gate that a 429 closes for everyone.
/// </summary>
public sealed class AccountRateBudget
{
    private readonly object sync = new();
    private readonly Queue<DateTimeOffset> grants = new();
    private readonly TimeProvider time;
    private DateTimeOffset pausedUntil = DateTimeOffset.MinValue;

    public AccountRateBudget(int permitLimit, TimeSpan window, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        PermitLimit = permitLimit;
        Window = window;
        this.time = time;
    }

    public int PermitLimit { get; }

    public TimeSpan Window { get; }

    /// <summary>Until when every caller waits because Cloudflare answered 429 with retry-after.</summary>
    public DateTimeOffset PausedUntil
    {
        get
        {
            lock (sync)
            {
                return pausedUntil;
            }
        }
    }

    /// <summary>Takes a permit now, or says how long to wait before asking again.</summary>
    public TimeSpan TryAcquire()
    {
        lock (sync)
        {
            var now = time.GetUtcNow();
            if (now < pausedUntil)
            {
                return pausedUntil - now;
            }

            while (grants.Count > 0 && grants.Peek() + Window <= now)
            {
                grants.Dequeue();
            }

            if (grants.Count < PermitLimit)
            {
                grants.Enqueue(now);
                return TimeSpan.Zero;
            }

            return grants.Peek() + Window - now;
        }
    }

    /// <summary>Waits for a permit; a wait longer than <paramref name="maxWait"/> fails fast instead.</summary>
    public async ValueTask AcquireAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        while (true)
        {
            var wait = TryAcquire();
            if (wait == TimeSpan.Zero)
            {
                return;
            }

            if (wait > maxWait)
            {
                throw new RateBudgetExhaustedException(wait);
            }

            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Closes the gate for all callers of this account until <paramref name="until"/> (never shortens a pause).</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (sync)
        {
            if (until > pausedUntil)
            {
                pausedUntil = until;
            }
        }
    }
}

/// <summary>The budget (or a 429 pause) needs a longer wait than the caller may queue.</summary>
public sealed class RateBudgetExhaustedException : Exception
{
    public RateBudgetExhaustedException(TimeSpan retryAfter)
        : base($"The Cloudflare request budget is exhausted; next permit in {retryAfter.TotalSeconds:F1} s.")
    {
        RetryAfter = retryAfter;
    }

    public RateBudgetExhaustedException()
        : this(TimeSpan.Zero)
    {
    }

    public RateBudgetExhaustedException(string message)
        : base(message)
    {
    }

    public RateBudgetExhaustedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TimeSpan RetryAfter { get; }
}
