using CfSync.Sync.Orchestrations;
using Microsoft.Extensions.Options;

namespace CfSync.Sync;

/// <summary>How the engine debounces, retries and recovers. Bound from configuration section <c>CfSync:Sync</c>.</summary>
public sealed class SyncOptions
{
    public const string Section = "CfSync:Sync";

    /// <summary>A sync starts once no change has arrived for this long.</summary>
    public TimeSpan DebounceQuietWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A steady stream of changes still syncs at least this often.</summary>
    public TimeSpan DebounceMaxWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts at applying one aggregate when failures are transient (durable, survive restarts).</summary>
    public int MaxAttempts { get; set; } = 6;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>One sync waits out Cloudflare's retry-after (durable timers, no attempt spent) for at most this long in all.</summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>One apply attempt (the Cloudflare client's own retries included) is cancelled after this long.</summary>
    public TimeSpan ApplyTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>One status mirror is cancelled (and abandoned if the sink ignores cancellation) after this long.</summary>
    public TimeSpan MirrorTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Slack added to every lease for queue latency and clock skew between workers.</summary>
    public TimeSpan LeaseMargin { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A Failed resource syncs again on its own after this, doubling per failure up to <see cref="MaxFailedRetryDelay"/>.</summary>
    public TimeSpan FirstFailedRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxFailedRetryDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A failed status mirror is written again after this, doubling per failure up to <see cref="MaxMirrorRetryDelay"/>.</summary>
    public TimeSpan FirstMirrorRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxMirrorRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a deleted source is remembered, so late updates cannot bring it back.</summary>
    public TimeSpan TombstoneRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How often a synced resource compares what Cloudflare holds with what it applied (zero: never). Each check costs
    /// the resource's reads (one GET for a tunnel, a list per zone for DNS) from the same account budget as syncs.
    /// </summary>
    public TimeSpan DriftInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>What a drift check does with a change made outside CfSync: re-apply ours (default) or only report it.</summary>
    public DriftPolicy DriftPolicy { get; set; } = DriftPolicy.Repair;

    /// <summary>The Cloudflare budget shared by every worker (section <c>CfSync:Sync:AccountBudget</c>).</summary>
    public Budget.AccountBudgetOptions AccountBudget { get; set; } = new();

    public RetrySchedule RetrySchedule => new(MaxAttempts, FirstRetryDelay, MaxRetryDelay, MaxRateLimitWait);

    /// <summary>
    /// The longest a sync orchestration can take by its own schedule: every attempt timing out, every retry delay, every
    /// rate-limit wait. No outcome within it means the orchestration is gone or stuck, and the entity asks what became of it.
    /// </summary>
    public TimeSpan SyncLease => RetrySchedule.TotalDelay + (ApplyTimeout * MaxAttempts) + MaxRateLimitWait + LeaseMargin;

    /// <summary>The longest a mirror orchestration can take: one mirror attempt.</summary>
    public TimeSpan MirrorLease => MirrorTimeout + LeaseMargin;

    /// <summary>An inspection that does not answer within this is asked again.</summary>
    public TimeSpan InspectionLease => LeaseMargin;
}

/// <summary>What a drift check does when Cloudflare holds something else than what CfSync applied.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<DriftPolicy>))]
public enum DriftPolicy
{
    /// <summary>Apply the aggregate again and report what was changed outside.</summary>
    Repair,

    /// <summary>Only report it (a condition and an Event); Cloudflare keeps the outside change until the next change of ours.</summary>
    Report,
}

/// <summary>Refuses settings that would disable debouncing, retries or recovery in ways nobody wants.</summary>
public sealed class SyncOptionsValidator : IValidateOptions<SyncOptions>
{
    public ValidateOptionsResult Validate(string? name, SyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.DebounceQuietWindow <= TimeSpan.Zero)
        {
            failures.Add($"{nameof(SyncOptions.DebounceQuietWindow)} must be positive.");
        }

        if (options.DebounceMaxWait < options.DebounceQuietWindow)
        {
            failures.Add($"{nameof(SyncOptions.DebounceMaxWait)} must be at least {nameof(SyncOptions.DebounceQuietWindow)}.");
        }

        if (options.MaxAttempts < 1)
        {
            failures.Add($"{nameof(SyncOptions.MaxAttempts)} must be at least 1.");
        }

        RequireRange(failures, nameof(SyncOptions.FirstRetryDelay), options.FirstRetryDelay, nameof(SyncOptions.MaxRetryDelay), options.MaxRetryDelay);
        RequireRange(failures, nameof(SyncOptions.FirstFailedRetryDelay), options.FirstFailedRetryDelay, nameof(SyncOptions.MaxFailedRetryDelay), options.MaxFailedRetryDelay);
        RequireRange(failures, nameof(SyncOptions.FirstMirrorRetryDelay), options.FirstMirrorRetryDelay, nameof(SyncOptions.MaxMirrorRetryDelay), options.MaxMirrorRetryDelay);
        foreach (var (field, value) in new[]
                 {
                     (nameof(SyncOptions.ApplyTimeout), options.ApplyTimeout),
                     (nameof(SyncOptions.MirrorTimeout), options.MirrorTimeout),
                     (nameof(SyncOptions.LeaseMargin), options.LeaseMargin),
                 })
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"{field} must be positive.");
            }
        }

        if (options.MaxRateLimitWait < TimeSpan.Zero || options.TombstoneRetention < TimeSpan.Zero || options.DriftInterval < TimeSpan.Zero)
        {
            failures.Add($"{nameof(SyncOptions.MaxRateLimitWait)}, {nameof(SyncOptions.TombstoneRetention)} and {nameof(SyncOptions.DriftInterval)} must not be negative.");
        }

        failures.AddRange(options.AccountBudget.Problems());
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequireRange(List<string> failures, string firstName, TimeSpan first, string maxName, TimeSpan max)
    {
        if (first <= TimeSpan.Zero || max < first)
        {
            failures.Add($"{firstName} must be positive and at most {maxName}.");
        }
    }
}
