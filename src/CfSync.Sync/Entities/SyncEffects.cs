namespace CfSync.Sync.Entities;

/// <summary>A signal the entity must schedule to itself.</summary>
public sealed record ScheduledSignal(string Operation, object Input, DateTimeOffset At);

/// <summary>An orchestration the entity must start.</summary>
public sealed record OrchestrationStart(string Orchestration, string InstanceId, object Input);

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<SyncNoticeKind>))]
public enum SyncNoticeKind
{
    /// <summary>A sync failed; the resource syncs again on its own at the notice's time.</summary>
    SyncFailed,

    /// <summary>A status mirror failed; it is written again at the notice's time.</summary>
    MirrorFailed,

    /// <summary>A flight's outcome never came; the entity recovered from what the inspection found.</summary>
    FlightRecovered,

    /// <summary>A drift check found Cloudflare holding something else than what was applied.</summary>
    DriftFound,
}

/// <summary>A signal to the account's budget entity (see <see cref="Budget.AccountBudgetEntity"/>).</summary>
public sealed record BudgetSignal(string Operation, object Input);

/// <summary>Something the entity's host should log: the machine stays free of logging.</summary>
public sealed record SyncNotice(SyncNoticeKind Kind, string InstanceId, string? Detail, DateTimeOffset? RetryAt = null);

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<SyncMeasureKind>))]
public enum SyncMeasureKind
{
    /// <summary>A change altered the aggregate's input.</summary>
    Changed,

    /// <summary>A sync orchestration started.</summary>
    Started,

    /// <summary>A sync succeeded; with a latency when it put changes into Cloudflare.</summary>
    Succeeded,

    /// <summary>A sync failed after its attempts.</summary>
    Failed,
}

/// <summary>
/// Something the entity's host counts (<see cref="CfSync.Sync.SyncMetrics"/>). <see cref="ChangeToApply"/> is the time from the
/// oldest change a sync carried into Cloudflare to its completion.
/// </summary>
public sealed record SyncMeasure(SyncMeasureKind Kind, Applying.ApplyPurpose Purpose = default, bool Applied = false, TimeSpan? ChangeToApply = null);

/// <summary>What an operation asks the entity's host to do: schedule self-signals, start orchestrations, log notices.</summary>
public sealed class SyncEffects
{
    private readonly List<ScheduledSignal> signals = [];
    private readonly List<OrchestrationStart> starts = [];
    private readonly List<SyncNotice> notices = [];
    private readonly List<BudgetSignal> budgetSignals = [];
    private readonly List<SyncMeasure> measures = [];

    public IReadOnlyList<ScheduledSignal> Signals => signals;

    public IReadOnlyList<OrchestrationStart> Starts => starts;

    public IReadOnlyList<SyncNotice> Notices => notices;

    public IReadOnlyList<BudgetSignal> BudgetSignals => budgetSignals;

    public IReadOnlyList<SyncMeasure> Measures => measures;

    public void Schedule(string operation, object input, DateTimeOffset at) => signals.Add(new ScheduledSignal(operation, input, at));

    public void Start(string orchestration, string instanceId, object input) => starts.Add(new OrchestrationStart(orchestration, instanceId, input));

    public void Notice(SyncNotice notice) => notices.Add(notice);

    public void SignalBudget(string operation, object input) => budgetSignals.Add(new BudgetSignal(operation, input));

    public void Measure(SyncMeasure measure) => measures.Add(measure);

    /// <summary>Adds what another operation of the same batch asked for.</summary>
    public SyncEffects Merge(SyncEffects other)
    {
        ArgumentNullException.ThrowIfNull(other);
        signals.AddRange(other.signals);
        starts.AddRange(other.starts);
        notices.AddRange(other.notices);
        budgetSignals.AddRange(other.budgetSignals);
        measures.AddRange(other.measures);
        return this;
    }
}
