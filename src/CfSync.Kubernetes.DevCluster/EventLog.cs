using System.Threading.Channels;

namespace CfSync.Kubernetes.DevCluster;

/// <summary>
/// The bounded change history behind watch: the last <c>capacity</c> events, plus live subscribers.
/// Not thread-safe on its own; <see cref="ObjectStore"/> calls it under its lock so that a watch's
/// replay and its live feed meet without a gap.
/// </summary>
internal sealed class EventLog(int capacity)
{
    private readonly Queue<WatchEvent> _events = new();
    private readonly List<Channel<WatchEvent>> _subscribers = [];

    /// <summary>Highest resourceVersion dropped from the history; watches from below it get 410 Gone.</summary>
    public long CompactedThrough { get; private set; }

    public void Append(WatchEvent change)
    {
        _events.Enqueue(change);
        if (_events.Count > capacity)
        {
            CompactedThrough = _events.Dequeue().ResourceVersion;
        }

        foreach (var subscriber in _subscribers)
        {
            subscriber.Writer.TryWrite(change);
        }
    }

    public IReadOnlyList<WatchEvent> After(long resourceVersion) =>
        [.. _events.Where(e => e.ResourceVersion > resourceVersion)];

    public Channel<WatchEvent> Subscribe()
    {
        var channel = Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleReader = true });
        _subscribers.Add(channel);
        return channel;
    }

    public void Unsubscribe(Channel<WatchEvent> channel) => _subscribers.Remove(channel);
}
