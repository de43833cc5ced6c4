using Microsoft.Extensions.Options;

namespace CfSync.LocalHost;

/// <summary>
/// How the local host's queue listener runs the watchers, with the Functions host's queue semantics (host.json
/// <c>extensions.queues</c>). Bound from <c>CfSync:LocalHost:ChangeListener</c>; the queue's name is
/// <c>CfSync:Changes:Queue</c>, as for the Functions app.
/// </summary>
public sealed class ChangeListenerOptions
{
    public const string Section = "CfSync:LocalHost:ChangeListener";

    /// <summary>The listener runs when a cluster is configured (<c>KUBECONFIG</c>) and this is true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Messages taken per receive (host.json <c>batchSize</c>; Azure Storage gives at most 32).</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>Attempts before a failing message moves to <c>{queue}-poison</c> (host.json <c>maxDequeueCount</c>).</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>How long a failed message stays invisible before its next attempt (host.json <c>visibilityTimeout</c>).</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a received message stays invisible while it is handled; one not finished by then is handled again
    /// (harmless: the watcher is level-triggered).
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The first wait after an empty receive; each further empty one doubles it up to <see cref="MaxPollingInterval"/>.</summary>
    public TimeSpan MinPollingInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between receives of an idle queue (host.json <c>maxPollingInterval</c>).</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>Keeps each setting within what Azure Storage queues accept.</summary>
public sealed class ChangeListenerOptionsValidator : IValidateOptions<ChangeListenerOptions>
{
    private static readonly TimeSpan MaxInvisibility = TimeSpan.FromDays(7);

    public ValidateOptionsResult Validate(string? name, ChangeListenerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.BatchSize is < 1 or > 32)
        {
            failures.Add($"{nameof(ChangeListenerOptions.BatchSize)} must be between 1 and 32 (Azure Storage's limit per receive).");
        }

        if (options.MaxDequeueCount < 1)
        {
            failures.Add($"{nameof(ChangeListenerOptions.MaxDequeueCount)} must be at least 1.");
        }

        if (options.VisibilityTimeout < TimeSpan.Zero || options.VisibilityTimeout > MaxInvisibility)
        {
            failures.Add($"{nameof(ChangeListenerOptions.VisibilityTimeout)} must be between 0 and 7 days.");
        }

        if (options.LeaseDuration < TimeSpan.FromSeconds(1) || options.LeaseDuration > MaxInvisibility)
        {
            failures.Add($"{nameof(ChangeListenerOptions.LeaseDuration)} must be between 1 second and 7 days.");
        }

        if (options.MinPollingInterval <= TimeSpan.Zero || options.MaxPollingInterval < options.MinPollingInterval)
        {
            failures.Add($"{nameof(ChangeListenerOptions.MinPollingInterval)} must be positive and at most {nameof(ChangeListenerOptions.MaxPollingInterval)}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
