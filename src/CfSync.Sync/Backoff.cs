namespace CfSync.Sync;

/// <summary>Capped exponential backoff, the one schedule behind every retry of the engine.</summary>
public static class Backoff
{
    /// <summary>The delay before try <paramref name="failures"/> + 1: <paramref name="first"/> doubled per earlier failure, at most <paramref name="max"/>.</summary>
    public static TimeSpan Delay(TimeSpan first, TimeSpan max, int failures)
    {
        var delay = first.TotalMilliseconds * Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        return TimeSpan.FromMilliseconds(Math.Min(delay, max.TotalMilliseconds));
    }
}
