using CfSync.Bridge.Health;
using CfSync.Watchers.Changes;

namespace CfSync.Bridge.Queueing;

/// <summary>
/// The changes seen and not yet enqueued, oldest first. A newer change of an object that is still waiting replaces
/// it in place (the watchers read the current object, so only the latest matters; memory stays bounded by the number
/// of objects), except that a Resync never replaces a real change. A change leaves only once the message holding it
/// was written (<see cref="Complete"/>); a failed write leaves it waiting for the next try. A requested sweep is due
/// once every change seen before the request has been written.
/// </summary>
internal sealed class ChangeOutbox(TimeProvider time, BridgeMetrics metrics)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ObjectKey, Pending> _byObject = [];
    private readonly SortedDictionary<long, ObjectKey> _order = [];
    private readonly Queue<long> _sweeps = new();
    private long _nextSequence;
    private TaskCompletionSource _changed = NewSignal();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byObject.Count;
            }
        }
    }

    public void Add(ObjectChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var key = new ObjectKey(change.Group, change.Kind, change.Namespace, change.Name);
        lock (_gate)
        {
            if (_byObject.TryGetValue(key, out var waiting))
            {
                if (change.Type != ChangeType.Resync)
                {
                    _byObject[key] = waiting with { Change = change };
                    metrics.ChangeCoalesced();
                }
            }
            else
            {
                var sequence = _nextSequence++;
                _byObject[key] = new Pending(sequence, change, time.GetUtcNow());
                _order[sequence] = key;
            }

            Signal();
        }
    }

    /// <summary>Asks for a sweep message once everything added so far has been written.</summary>
    public void RequestSweep()
    {
        lock (_gate)
        {
            _sweeps.Enqueue(_nextSequence);
            Signal();
        }
    }

    /// <summary>How long the oldest waiting change has waited (zero when none waits).</summary>
    public TimeSpan Lag()
    {
        lock (_gate)
        {
            return _order.Count == 0 ? TimeSpan.Zero : time.GetUtcNow() - _byObject[_order.First().Value].Since;
        }
    }

    /// <summary>Completes when something waits to be written (changes or a due sweep).</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _order.Count > 0 || _sweeps.Count > 0 ? Task.CompletedTask : _changed.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// What to write next: a due sweep alone, else up to <paramref name="max"/> oldest changes, with when the oldest
    /// of them was seen.
    /// </summary>
    public OutboxTake Peek(int max)
    {
        lock (_gate)
        {
            var firstSequence = _order.Count == 0 ? long.MaxValue : _order.First().Key;
            if (_sweeps.TryPeek(out var sweepBefore) && sweepBefore <= firstSequence)
            {
                return new OutboxTake([], Sweep: true, time.GetUtcNow());
            }

            var taken = _order.Take(max).Select(o => _byObject[o.Value]).ToList();
            return new OutboxTake(taken, Sweep: false, taken.Count == 0 ? time.GetUtcNow() : taken[0].Since);
        }
    }

    /// <summary>Removes what a written message held; a change replaced meanwhile stays, in its place.</summary>
    public void Complete(OutboxTake written)
    {
        ArgumentNullException.ThrowIfNull(written);
        lock (_gate)
        {
            if (written.Sweep)
            {
                _sweeps.Dequeue();
            }

            foreach (var sent in written.Changes)
            {
                var key = new ObjectKey(sent.Change.Group, sent.Change.Kind, sent.Change.Namespace, sent.Change.Name);
                if (_byObject.TryGetValue(key, out var current) && ReferenceEquals(current, sent))
                {
                    _byObject.Remove(key);
                    _order.Remove(sent.Sequence);
                }
            }
        }
    }

    private void Signal()
    {
        _changed.TrySetResult();
        _changed = NewSignal();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed record ObjectKey(string Group, string Kind, string? Namespace, string Name);
}

/// <summary>One waiting change, in its place (<see cref="Sequence"/>) since it was first seen (<see cref="Since"/>).</summary>
internal sealed record Pending(long Sequence, ObjectChange Change, DateTimeOffset Since);

/// <summary>What <see cref="ChangeOutbox.Peek"/> handed out: changes, or a sweep alone.</summary>
internal sealed record OutboxTake(IReadOnlyList<Pending> Changes, bool Sweep, DateTimeOffset OldestSince);
