using Microsoft.Extensions.Options;

namespace CfSync.Sync;

/// <summary>How the engine debounces and retries. Bound from configuration section <c>CfSync:Sync</c>.</summary>
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

    /// <summary>How long a deleted source is remembered, so late updates cannot bring it back.</summary>
    public TimeSpan TombstoneRetention { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>Refuses settings that would disable debouncing or retries in ways nobody wants.</summary>
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

        if (options.FirstRetryDelay <= TimeSpan.Zero || options.MaxRetryDelay < options.FirstRetryDelay)
        {
            failures.Add($"{nameof(SyncOptions.FirstRetryDelay)} must be positive and at most {nameof(SyncOptions.MaxRetryDelay)}.");
        }

        if (options.TombstoneRetention < TimeSpan.Zero)
        {
            failures.Add($"{nameof(SyncOptions.TombstoneRetention)} must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
