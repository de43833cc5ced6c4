using CfSync.Core.Resources;
using CfSync.Sync.Entities;

namespace CfSync.Sync.Sources;

/// <summary>A signal the source entity must send to a resource's entity.</summary>
public sealed record ResourceSignal(ResourceIdentity Resource, string Operation, object Input);

/// <summary>A scheduled self-signal: forget the source once its tombstone (recorded at <see cref="DeletedAt"/>) has been kept long enough.</summary>
public sealed record ForgetSignal(DateTimeOffset DeletedAt);

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<SourceNoticeKind>))]
public enum SourceNoticeKind
{
    /// <summary>A stale or duplicate delivery, or one of a deleted incarnation: nothing changed.</summary>
    Ignored,

    /// <summary>A resourceVersion that is not an integer: the delivery was applied without knowing its order.</summary>
    Unordered,
}

/// <summary>Something the entity's host should log: the machine stays free of logging.</summary>
public sealed record SourceNotice(SourceNoticeKind Kind, string Detail);

/// <summary>What an operation asks the source entity to do: signal resource entities, schedule a self-signal, log, forget its state.</summary>
public sealed class SourceEffects
{
    private readonly List<ResourceSignal> signals = [];
    private readonly List<ScheduledSignal> scheduled = [];
    private readonly List<SourceNotice> notices = [];

    public IReadOnlyList<ResourceSignal> Signals => signals;

    public IReadOnlyList<ScheduledSignal> Scheduled => scheduled;

    public IReadOnlyList<SourceNotice> Notices => notices;

    /// <summary>The entity deletes its state: nothing is left to remember.</summary>
    public bool Forget { get; private set; }

    public void Signal(ResourceIdentity resource, string operation, object input) => signals.Add(new ResourceSignal(resource, operation, input));

    public void Schedule(string operation, object input, DateTimeOffset at) => scheduled.Add(new ScheduledSignal(operation, input, at));

    public void Notice(SourceNoticeKind kind, string detail) => notices.Add(new SourceNotice(kind, detail));

    public void ForgetState() => Forget = true;
}
