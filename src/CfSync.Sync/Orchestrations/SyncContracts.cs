using System.Text.Json.Serialization;
using CfSync.Core.Hashing;
using CfSync.Core.Resources;

namespace CfSync.Sync.Orchestrations;

/// <summary>
/// What an entity asks its sync orchestration to do: apply <see cref="Desired"/> (unless <see cref="Apply"/> is false
/// because Cloudflare already holds that hash) and report the outcome. Retry settings travel with the request so
/// replays see the same values.
/// </summary>
public sealed record SyncRequest(
    string EntityKey,
    ResourceIdentity Resource,
    ResourceScope Scope,
    DesiredBody? Desired,
    string? ConfigHash,
    bool Apply,
    RetrySchedule Retry)
{
    public Applying.ApplyContext Context { get; init; } = Applying.ApplyContext.None;
}

/// <summary>
/// Durable retry schedule: exponential from <see cref="First"/>, capped at <see cref="Max"/>, for at most
/// <see cref="MaxAttempts"/> attempts. Waiting out Cloudflare's <c>retry-after</c> spends no attempt; such waits add up
/// to at most <see cref="MaxRateLimitWait"/> per sync.
/// </summary>
public sealed record RetrySchedule(int MaxAttempts, TimeSpan First, TimeSpan Max, TimeSpan MaxRateLimitWait)
{
    public TimeSpan DelayAfter(int attempt) => Backoff.Delay(First, Max, attempt);

    /// <summary>All the delays between <see cref="MaxAttempts"/> attempts.</summary>
    public TimeSpan TotalDelay => Enumerable.Range(1, MaxAttempts - 1).Aggregate(TimeSpan.Zero, (total, attempt) => total + DelayAfter(attempt));
}

[JsonConverter(typeof(JsonStringEnumConverter<ApplyFailure>))]
public enum ApplyFailure
{
    None,

    /// <summary>Worth another attempt later (429, 5xx, timeouts).</summary>
    Transient,

    /// <summary>Another attempt cannot succeed (invalid configuration, auth, missing account).</summary>
    Permanent,
}

/// <summary>
/// What one attempt at applying gave. Errors are Cloudflare's codes and messages, never credentials.
/// <see cref="RetryAfter"/> is set when Cloudflare (or the account's shared gate) said when to come back.
/// </summary>
public sealed record ApplyResult(bool Succeeded, ApplyFailure Failure, string? Error, long? CloudflareVersion = null, TimeSpan? RetryAfter = null)
{
    /// <summary>What Cloudflare now knows the applied object as (see <see cref="Applying.ApplyContext.AppliedAs"/>); null once removed.</summary>
    public string? AppliedAs { get; init; }

    /// <summary>
    /// Sources whose part could not be applied because Cloudflare holds something that is not ours (or another source
    /// of ours won it); the rest was applied. Each shows Conflict with the reason, which names the Cloudflare object.
    /// </summary>
    public IReadOnlyList<SourceConflict> Conflicts { get; init; } = [];

    /// <summary>In a drift check: what Cloudflare held that differed from the aggregate (null when nothing did).</summary>
    public string? Drift { get; init; }

    /// <summary>Cloudflare itself answered 429: its <see cref="RetryAfter"/> holds for every worker of the account.</summary>
    public bool RateLimited { get; init; }

    /// <summary>HTTP requests the attempt sent to Cloudflare, the client's own retries included.</summary>
    public int CloudflareCalls { get; init; }

    /// <summary>When the attempt ended, every answer received: none of its calls is later. Null when it made none.</summary>
    public DateTimeOffset? CallsEndedAt { get; init; }

    public static ApplyResult Success(long? version = null) => new(true, ApplyFailure.None, null, version);
}

/// <summary>One source's part that Cloudflare holds for someone else; <see cref="Reason"/> names the object and its owner.</summary>
public sealed record SourceConflict(string SourceKey, string Reason);

/// <summary>Reported back to the entity when the sync orchestration ends.</summary>
public sealed record SyncOutcome(
    string InstanceId,
    bool Succeeded,
    bool Applied,
    string? ConfigHash,
    string? Error,
    int Attempts,
    DateTimeOffset CompletedAt)
{
    /// <summary>The last attempt's <see cref="ApplyResult.AppliedAs"/>, when it applied.</summary>
    public string? AppliedAs { get; init; }

    public IReadOnlyList<SourceConflict> Conflicts { get; init; } = [];

    /// <summary>What a drift check found changed in Cloudflare (repaired or only reported, as the policy says).</summary>
    public string? Drift { get; init; }

    /// <summary>HTTP requests every attempt sent to Cloudflare: what the sync settles with the account budget.</summary>
    public int CloudflareCalls { get; init; }

    /// <summary>When the last attempt that called Cloudflare ended; the budget counts the calls from then.</summary>
    public DateTimeOffset? CallsEndedAt { get; init; }
}
