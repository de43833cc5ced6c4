namespace CfSync.Bridge;

/// <summary>Exponential backoff with jitter (a wait between 50% and 100% of the doubled delay), capped.</summary>
internal sealed class Backoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private TimeSpan _next;

    public Backoff(TimeSpan initial, TimeSpan max)
    {
        _initial = initial;
        _max = max;
        _next = initial;
    }

    public TimeSpan Next()
    {
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(_max.Ticks, _next.Ticks * 2));

        // Jitter keeps replicas and kinds from retrying in lockstep against a recovering API server.
        return delay * (0.5 + (Random.Shared.NextDouble() / 2));
    }

    public void Reset() => _next = _initial;
}
