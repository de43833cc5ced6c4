using System.Text.Json.Serialization;
using CfSync.Core.Aggregation;
using CfSync.Core.Fragments;
using CfSync.Core.Resources;

namespace CfSync.Sync.Orchestrations;

/// <summary>
/// What an entity asks its sync orchestration to do: apply <see cref="DesiredJson"/> (unless <see cref="Apply"/> is
/// false because Cloudflare already holds that hash), then mirror the outcome. Retry settings travel with the request
/// so replays see the same values.
/// </summary>
public sealed record SyncRequest(
    string EntityKey,
    ResourceIdentity Resource,
    ResourceScope Scope,
    string? DesiredJson,
    string? ConfigHash,
    bool Apply,
    IReadOnlyList<SourceOutcome> Sources,
    RetrySchedule Retry)
{
    /// <summary>The live sources' fragments, passed on to the status mirror.</summary>
    public IReadOnlyList<SourceFragment> Contributions { get; init; } = [];
}

/// <summary>Durable retry schedule: exponential from <see cref="First"/>, capped at <see cref="Max"/>.</summary>
public sealed record RetrySchedule(int MaxAttempts, TimeSpan First, TimeSpan Max)
{
    public TimeSpan DelayAfter(int attempt)
    {
        var delay = First.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1));
        return TimeSpan.FromMilliseconds(Math.Min(delay, Max.TotalMilliseconds));
    }
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

/// <summary>What one attempt at applying gave. Errors are Cloudflare's codes and messages, never credentials.</summary>
public sealed record ApplyResult(bool Succeeded, ApplyFailure Failure, string? Error, long? CloudflareVersion = null)
{
    public static ApplyResult Success(long? version = null) => new(true, ApplyFailure.None, null, version);
}

/// <summary>Reported back to the entity when the orchestration ends.</summary>
public sealed record SyncOutcome(
    string InstanceId,
    bool Succeeded,
    bool Applied,
    string? ConfigHash,
    string? Error,
    int Attempts,
    DateTimeOffset CompletedAt);
