using CfSync.Sync.Orchestrations;

namespace CfSync.Sync.Entities;

/// <summary>A flush signal the entity must schedule to itself.</summary>
public sealed record ScheduledFlush(FlushSignal Signal, DateTimeOffset At);

/// <summary>What an operation asks the entity's host to do: schedule flushes, start a sync orchestration.</summary>
public sealed class SyncEffects
{
    private readonly List<ScheduledFlush> flushes = [];

    public IReadOnlyList<ScheduledFlush> Flushes => flushes;

    /// <summary>The orchestration to start, with its instance id.</summary>
    public (string InstanceId, SyncRequest Request)? Start { get; private set; }

    public void Schedule(FlushSignal signal, DateTimeOffset at) => flushes.Add(new ScheduledFlush(signal, at));

    public void StartSync(string instanceId, SyncRequest request) => Start = (instanceId, request);

    /// <summary>Adds what another operation of the same batch asked for.</summary>
    public SyncEffects Merge(SyncEffects other)
    {
        ArgumentNullException.ThrowIfNull(other);
        flushes.AddRange(other.flushes);
        Start = other.Start ?? Start;
        return this;
    }
}
