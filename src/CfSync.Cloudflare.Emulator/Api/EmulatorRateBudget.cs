namespace CfSync.Cloudflare.Emulator.Api;

/// <summary>Cloudflare's per-user limit as a sliding log per token; answers how long to wait when exceeded.</summary>
internal sealed class EmulatorRateBudget(int permitLimit, TimeSpan window, TimeProvider time)
{
    private readonly object sync = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> perToken = new(StringComparer.Ordinal);

    /// <summary>Null when the request may proceed; otherwise the retry-after.</summary>
    public TimeSpan? TryConsume(string token)
    {
        lock (sync)
        {
            var now = time.GetUtcNow();
            if (!perToken.TryGetValue(token, out var log))
            {
                perToken[token] = log = new Queue<DateTimeOffset>();
            }

            while (log.Count > 0 && log.Peek() + window <= now)
            {
                log.Dequeue();
            }

            if (log.Count >= permitLimit)
            {
                return log.Peek() + window - now;
            }

            log.Enqueue(now);
            return null;
        }
    }

    public void Reset()
    {
        lock (sync)
        {
            perToken.Clear();
        }
    }
}
