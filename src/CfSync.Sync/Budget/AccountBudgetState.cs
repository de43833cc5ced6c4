using System.Text.Json.Serialization;

namespace CfSync.Sync.Budget;

/// <summary>
/// One account's budget: the calls granted within the window, oldest first (a strict sliding log), the resources
/// waiting in turn, and the gate a 429 closes.
/// </summary>
public sealed class AccountBudgetState
{
    public List<PermitSpend> Spent { get; set; } = [];

    /// <summary>One entry per resource, served first in, first out.</summary>
    public List<PermitWaiter> Waiting { get; set; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? PausedUntil { get; set; }

    /// <summary>When the armed dispatch signal is due; null when none is armed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? DispatchAt { get; set; }
}

/// <summary>
/// Calls granted at <see cref="At"/>, counted until <c>At + Window</c>. Until <see cref="Settled"/>, a resource asking
/// again for the same request is sent the grant again (it was lost or crossed the ask).
/// </summary>
public sealed record PermitSpend(string Resource, long RequestId, DateTimeOffset At, int Cost)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Settled { get; init; }
}

public sealed record PermitWaiter(string Resource, long RequestId, int Cost, DateTimeOffset Since);
