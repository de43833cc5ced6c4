using System.Collections.Concurrent;
using CfSync.Bridge.Queueing;
using CfSync.Bridge.Watching;

namespace CfSync.Bridge.Health;

/// <summary>Where a kind's watch stands in the current leadership term.</summary>
public enum KindState
{
    /// <summary>Not listed yet in this term.</summary>
    Listing,

    /// <summary>Listed, and its watch is open.</summary>
    Synced,

    /// <summary>The cluster answered 404 to its list (its CRD is not installed): retried at each resync.</summary>
    NotServed,

    /// <summary>Its last list or watch failed; retried with backoff.</summary>
    Retrying,
}

/// <summary>
/// What /readyz and /metrics report: whether this replica leads, each kind's state while it does, the outbox of
/// the current term, and when the Lease was last read (a standby is healthy while it can read the Lease).
/// </summary>
public sealed class BridgeStatus(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, KindState> _kinds = new();
    private volatile ChangeOutbox? _outbox;
    private long _leaseReadTicks;

    public bool Leading => _outbox is not null;

    internal void BeginTerm(ChangeOutbox outbox, IEnumerable<WatchedKind> kinds)
    {
        _kinds.Clear();
        foreach (var kind in kinds)
        {
            _kinds[kind.ToString()] = KindState.Listing;
        }

        _outbox = outbox;
    }

    internal void EndTerm()
    {
        _outbox = null;
        _kinds.Clear();
    }

    internal void Set(WatchedKind kind, KindState state) => _kinds[kind.ToString()] = state;

    internal void LeaseRead() => Interlocked.Exchange(ref _leaseReadTicks, time.GetUtcNow().UtcTicks);

    public IReadOnlyList<(string Kind, KindState State)> Kinds() =>
        [.. _kinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => (k.Key, k.Value))];

    public TimeSpan Lag() => _outbox?.Lag() ?? TimeSpan.Zero;

    public int PendingChanges() => _outbox?.Count ?? 0;

    /// <summary>
    /// Ready: the leader once every kind is synced or known not to be served; a standby while it read the Lease within
    /// <paramref name="leaseDuration"/> (it can take over when the leader goes).
    /// </summary>
    public bool Ready(TimeSpan leaseDuration) => Leading
        ? _kinds.Values.All(s => s is KindState.Synced or KindState.NotServed)
        : Interlocked.Read(ref _leaseReadTicks) is var ticks and > 0 && time.GetUtcNow().UtcTicks - ticks <= leaseDuration.Ticks;
}
