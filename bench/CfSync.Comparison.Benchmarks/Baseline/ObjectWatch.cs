using System.Text.Json.Nodes;
using k8s;

namespace CfSync.Comparison.Benchmarks.Baseline;

/// <summary>A watch of one kind with the Kubernetes client, resumed from the last resource version when the server closes it.</summary>
internal static class ObjectWatch
{
    /// <summary>A watch of a custom kind (cluster-scoped, or namespaced in every namespace), each object as JSON.</summary>
    public static Task RunCustomAsync(
        IKubernetes kubernetes, string group, string version, string plural, Action<WatchEventType, JsonNode> onEvent, CancellationToken stopping) =>
        RunAsync(
            (resourceVersion, onError, token) => AsJson(kubernetes.CustomObjects.WatchListClusterCustomObjectAsync(
                group, version, plural, resourceVersion: resourceVersion, onError: onError, cancellationToken: token)),
            item => (string?)item["metadata"]?["resourceVersion"],
            onEvent,
            stopping);

    // Each event's object converted once, for its resource version and for the handler alike.
    private static async IAsyncEnumerable<(WatchEventType, JsonNode)> AsJson(IAsyncEnumerable<(WatchEventType, object)> events)
    {
        await foreach (var (type, item) in events.ConfigureAwait(false))
        {
            yield return (type, TunnelViews.Node(item));
        }
    }

    public static async Task RunAsync<T>(
        Func<string?, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> watch, Func<T, string?> resourceVersion, Action<WatchEventType, T> onEvent, CancellationToken stopping)
    {
        string? version = null;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await foreach (var (type, item) in watch(version, e => Console.Error.WriteLine($"baseline: watch error: {e.Message}"), stopping).ConfigureAwait(false))
                {
                    if (type is WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted)
                    {
                        version = resourceVersion(item) ?? version;
                        onEvent(type, item);
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException e)
            {
                await Console.Error.WriteLineAsync($"baseline: watch failed, watching again: {e.Message}").ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromSeconds(1), stopping).ConfigureAwait(false);
            }
        }
    }
}
