namespace CfSync.Bridge;

// Structured events of the bridge. No parameter ever carries a token, a connection string or an object's content.
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Leading as {Identity} (Lease {LeaseNamespace}/{LeaseName}): listing and watching {Kinds} kinds")]
    public static partial void Leading(ILogger logger, string identity, string leaseNamespace, string leaseName, int kinds);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Lost the Lease as {Identity}: watches stopped, {Pending} changes not enqueued are left to the next leader's resync")]
    public static partial void LeadershipLost(ILogger logger, string identity, int pending);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "The Lease is held by {Leader}")]
    public static partial void NewLeader(ILogger logger, string leader);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Leader election failed ({Error}); retrying in {Delay}")]
    public static partial void ElectionFailed(ILogger logger, string error, TimeSpan delay);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "The leadership term of {Identity} failed; giving up the Lease")]
    public static partial void TermFailed(ILogger logger, string identity, Exception error);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "{Kind}: listed {Count} objects at resourceVersion {ResourceVersion}, {Changes} changes")]
    public static partial void Listed(ILogger logger, string kind, int count, string resourceVersion, int changes);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "{Kind} is not served by the cluster (404 on its list; CRD not installed?): retried at the next resync")]
    public static partial void NotServed(ILogger logger, string kind);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "{Kind}: resourceVersion {ResourceVersion} is too old (410 Gone): relisting")]
    public static partial void Expired(ILogger logger, string kind, string resourceVersion);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "{Kind}: {Operation} failed ({Error}); retrying in {Delay}")]
    public static partial void WatchFailed(ILogger logger, string kind, string operation, string error, TimeSpan delay);

    [LoggerMessage(EventId = 14, Level = LogLevel.Information, Message = "Resync: {Changes} objects sent again, then a sweep")]
    public static partial void Resynced(ILogger logger, int changes);

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Writing to queue {Queue} failed ({Error}); {Pending} changes kept, retrying in {Delay}")]
    public static partial void SendFailed(ILogger logger, string queue, string error, int pending, TimeSpan delay);

    [LoggerMessage(EventId = 24, Level = LogLevel.Information,
        Message = "The oldest message of queue {Queue} has waited {Waited}: holding back until the watchers catch up ({Pending} changes waiting, each object once)")]
    public static partial void HoldingBack(ILogger logger, string queue, TimeSpan waited, int pending);

    [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "Reading the depth of queue {Queue} failed ({Error}); the gauge keeps its last value")]
    public static partial void QueueDepthUnread(ILogger logger, string queue, string error);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Queue {Queue} is ready")]
    public static partial void QueueReady(ILogger logger, string queue);

    [LoggerMessage(EventId = 22, Level = LogLevel.Debug, Message = "Sent a message with {Changes} changes (sweep: {Sweep}) to {Queue}")]
    public static partial void Sent(ILogger logger, int changes, bool sweep, string queue);
}
