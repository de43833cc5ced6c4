namespace CfSync.Sync.Budget;

/// <summary>
/// RequestPermit: resource entity <see cref="Resource"/> (its key) asks for <see cref="Cost"/> calls for its request
/// <see cref="RequestId"/>. Asking again keeps the resource's place; a newer request id replaces the older one.
/// </summary>
public sealed record PermitRequest(string Resource, long RequestId, int Cost);

/// <summary>PermitGranted, sent to the resource entity: it may spend <see cref="Cost"/> calls for <see cref="RequestId"/>.</summary>
public sealed record PermitGrant(long RequestId, int Cost);

/// <summary>
/// SettlePermit: the granted request made <see cref="Calls"/> calls (0 when the grant went unused), the last of them
/// by <see cref="CallsEndedAt"/> (null when unknown: an abandoned flight).
/// </summary>
public sealed record PermitSettlement(string Resource, long RequestId, int Calls)
{
    public DateTimeOffset? CallsEndedAt { get; init; }
}

/// <summary>Pause: Cloudflare answered 429; no permit is granted to anyone before <see cref="Until"/>.</summary>
public sealed record BudgetPause(DateTimeOffset Until);

/// <summary>A scheduled self-signal: capacity frees (or the pause ends) at <see cref="At"/>.</summary>
public sealed record DispatchSignal(DateTimeOffset At);

/// <summary>A resource's scheduled self-signal: its request <see cref="RequestId"/> still waits, so it asks again.</summary>
public sealed record PermitReask(long RequestId);
