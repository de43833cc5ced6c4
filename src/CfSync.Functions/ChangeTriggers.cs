using CfSync.Sync.Sources;
using CfSync.Watchers.Watching;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CfSync.Functions;

/// <summary>
/// The watcher function: each message of the change queue (its name from the app setting
/// <c>CfSync__Changes__Queue</c>; connection <c>AzureWebJobsStorage</c>) handled by the same
/// <see cref="ChangeWatcher"/> the local host's queue listener runs. A failure leaves the message to the host, which
/// retries it and moves it to <c>{queue}-poison</c> after <c>maxDequeueCount</c> (host.json).
/// </summary>
public sealed class ChangeTriggers(ChangeWatcher watcher)
{
    [Function("ChangeWatcher")]
    public Task HandleChanges(
        [QueueTrigger("%CfSync:Changes:Queue%")] string message, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var sources = new SourceClient(client);
        return watcher.HandleAsync(message, new SourceClientSignals(sources), new SourceEntities(sources), cancellationToken);
    }
}
