using CfSync.Sync.Entities;
using Microsoft.DurableTask.Entities;

namespace CfSync.Sync;

/// <summary>
/// When to schedule a self-signal so that it arrives on time or late, never early. Storage queues delay a message by
/// whole seconds, truncated: a signal due 0.97 s ahead became visible at once, arrived early, and the entity re-sent
/// it again and again until it was due. So a future signal's delay is rounded up to whole seconds, plus a margin for
/// the time between computing it here and the provider's enqueueing it at the end of the batch.
/// </summary>
public static class SignalTiming
{
    /// <summary>Covers the lag from the operation's clock reading to the enqueue (the rest of the batch).</summary>
    public static readonly TimeSpan EnqueueMargin = TimeSpan.FromMilliseconds(250);

    /// <summary>The time to give the provider for a signal due at <paramref name="due"/>; one already due is sent at once.</summary>
    public static DateTimeOffset SendAt(DateTimeOffset due, DateTimeOffset now)
    {
        var delay = due - now;
        return delay <= TimeSpan.Zero ? due : now + TimeSpan.FromSeconds(Math.Ceiling(delay.TotalSeconds)) + EnqueueMargin;
    }

    /// <summary>Sends an entity's self-signal so that it arrives on time or late, and counts it (<see cref="SyncMetrics"/>).</summary>
    public static void SignalSelf(this TaskEntityContext context, ScheduledSignal signal, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(signal);
        var at = SendAt(signal.At, now);
        SyncMetrics.SelfSignal(signal.Operation, at - now);
        context.SignalEntity(context.Id, signal.Operation, signal.Input, new SignalEntityOptions { SignalTime = at });
    }
}
