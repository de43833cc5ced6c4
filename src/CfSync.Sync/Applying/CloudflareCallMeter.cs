using System.Runtime.CompilerServices;

namespace CfSync.Sync.Applying;

/// <summary>
/// Counts the HTTP requests one apply sends to Cloudflare, retries included: the apply activity opens a meter around
/// the applier and the Cloudflare edge records every attempt it sends within it. What the sync then settles with the
/// account budget.
/// </summary>
public sealed class CloudflareCallMeter : IDisposable
{
    private static readonly AsyncLocal<StrongBox<int>?> Current = new();
    private readonly StrongBox<int> count = new();
    private readonly StrongBox<int>? outer;

    private CloudflareCallMeter()
    {
        outer = Current.Value;
        Current.Value = count;
    }

    public int Count => Volatile.Read(ref count.Value);

    /// <summary>Starts counting in the current flow (the applier's awaits inherit it).</summary>
    public static CloudflareCallMeter Start() => new();

    /// <summary>One request went out; outside a meter nothing is counted.</summary>
    public static void Record()
    {
        if (Current.Value is { } box)
        {
            Interlocked.Increment(ref box.Value);
        }
    }

    public void Dispose() => Current.Value = outer;
}
