using Azure;
using Azure.Storage.Queues;

namespace CfSync.Bridge.Health;

/// <summary>
/// Reads the change queue's approximate length every <see cref="BridgeOptions.QueueDepthInterval"/> for the
/// <c>queue_depth</c> gauge: the backlog the watcher functions (and KEDA) see. Every replica samples, leader or not.
/// </summary>
internal sealed class QueueDepthSampler(QueueClient queue, BridgeMetrics metrics, BridgeOptions options, TimeProvider time, ILogger<QueueDepthSampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var properties = await queue.GetPropertiesAsync(stoppingToken).ConfigureAwait(false);
                metrics.QueueDepthSampled(properties.Value.ApproximateMessagesCount);
            }
            catch (RequestFailedException e)
            {
                // Not created yet (the leader creates it), or storage unreachable: the next sample tries again.
                Log.QueueDepthUnread(logger, queue.Name, e.ErrorCode ?? e.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            try
            {
                await Task.Delay(options.QueueDepthInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
