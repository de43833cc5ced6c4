namespace CfSync.Watchers.Changes;

/// <summary>
/// The queue between the bridge and the watchers (configuration section <c>CfSync:Changes</c>). KEDA scales the
/// function app on its length; messages that fail <c>maxDequeueCount</c> times move to <c>{Queue}-poison</c>.
/// </summary>
public sealed class ChangeQueueOptions
{
    public const string Section = "CfSync:Changes";

    /// <summary>The Functions app's queue trigger reads the same name from the app setting <c>CfSync__Changes__Queue</c>.</summary>
    public string Queue { get; set; } = "cfsync-changes";
}
