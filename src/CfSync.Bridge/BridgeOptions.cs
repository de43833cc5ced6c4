using Microsoft.Extensions.Options;

namespace CfSync.Bridge;

/// <summary>How the bridge watches, batches and serves its health endpoints. Bound from <c>CfSync:Bridge</c>.</summary>
public sealed class BridgeOptions
{
    public const string Section = "CfSync:Bridge";

    /// <summary>
    /// How often every known object is sent again as a Resync change, followed by a sweep. Ten minutes bounds how long
    /// a missed change or an orphaned source can last, while a resync of 10,000 objects stays at about 17 watcher reads
    /// a second on average.
    /// </summary>
    public TimeSpan ResyncPeriod { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Objects per list page (the API server's <c>limit</c>): bounds the memory of one list response.</summary>
    public int ListPageSize { get; set; } = 500;

    /// <summary>The server-side watch timeout (<c>timeoutSeconds</c>); the bridge then reconnects from the last resourceVersion.</summary>
    public TimeSpan WatchTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A watch silent this long (no event, no bookmark) is taken for a dead connection and reopened. The API server
    /// sends a bookmark about every minute to a watch that asks for them, so three minutes of silence means the
    /// connection is gone (a partition, or a server that stopped without closing it).
    /// </summary>
    public TimeSpan WatchIdleTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>First wait after a failed list, watch or queue write; it doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most changes in one queue message (fewer when their JSON would exceed the message bound).</summary>
    public int MaxChangesPerMessage { get; set; } = 50;

    /// <summary>How long the first change of a message waits for others before the message is sent.</summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long the change queue's oldest message may wait before the bridge holds back (<c>QueueBackpressure</c>):
    /// the queue then holds about what the watchers take in this time, and the rest waits in the bridge, each object
    /// once. KEDA scales on the queue's length, so the bound must let it grow past the scaler's target: with
    /// <c>queueLength</c> 16 per replica, a watcher replica taking more than 16 messages in this time still reaches
    /// <c>maxReplicaCount</c>.
    /// </summary>
    public TimeSpan MaxQueueLag { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the change queue's depth is read for the <c>queue_depth</c> gauge (one storage call each time).</summary>
    public TimeSpan QueueDepthInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The address the health and metrics endpoints listen on; the container image sets 0.0.0.0.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>Port of /healthz, /readyz and /metrics; 0 picks a free one.</summary>
    public int Port { get; set; } = 8080;
}

/// <summary>Refuses settings that would make the bridge spin, stall or never batch.</summary>
public sealed class BridgeOptionsValidator : IValidateOptions<BridgeOptions>
{
    public ValidateOptionsResult Validate(string? name, BridgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Between(failures, nameof(options.ResyncPeriod), options.ResyncPeriod, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        Between(failures, nameof(options.WatchTimeout), options.WatchTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Between(failures, nameof(options.WatchIdleTimeout), options.WatchIdleTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Between(failures, nameof(options.InitialBackoff), options.InitialBackoff, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5));
        Between(failures, nameof(options.MaxBackoff), options.MaxBackoff, options.InitialBackoff, TimeSpan.FromMinutes(30));
        Between(failures, nameof(options.Linger), options.Linger, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Between(failures, nameof(options.MaxQueueLag), options.MaxQueueLag, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Between(failures, nameof(options.QueueDepthInterval), options.QueueDepthInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        if (options.ListPageSize is < 1 or > 10_000)
        {
            failures.Add($"{nameof(options.ListPageSize)} must be between 1 and 10000.");
        }

        if (options.MaxChangesPerMessage is < 1 or > 1000)
        {
            failures.Add($"{nameof(options.MaxChangesPerMessage)} must be between 1 and 1000.");
        }

        if (!System.Net.IPAddress.TryParse(options.ListenAddress, out _))
        {
            failures.Add($"{nameof(options.ListenAddress)} must be an IP address (127.0.0.1, 0.0.0.0, ::).");
        }

        if (options.Port is < 0 or > 65535)
        {
            failures.Add($"{nameof(options.Port)} must be between 0 and 65535.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static void Between(List<string> failures, string name, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{BridgeOptions.Section}:{name} must be between {min} and {max} (is {value}).");
        }
    }
}
