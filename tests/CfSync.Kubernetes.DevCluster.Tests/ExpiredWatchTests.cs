using System.Globalization;
using k8s;
using k8s.Models;

namespace CfSync.Kubernetes.DevCluster.Tests;

// Convention: "410 Gone responses" in the API concepts: a watch from a resourceVersion older than the
// retained history ends with an ERROR event whose Status is 410 / reason Expired.
public sealed class ExpiredWatchTests
{
    [Fact]
    public async Task Watch_from_a_compacted_resourceVersion_gets_an_ERROR_event_with_410_Expired()
    {
        await using var server = await KubernetesTestApiServer.StartAsync(new TestApiServerOptions { HistoryLimit = 2 });
        using var client = server.CreateClient();
        var first = await client.CoreV1.CreateNamespacedServiceAsync(Api.Service("s0"), "default");
        for (var i = 1; i < 5; i++)
        {
            await client.CoreV1.CreateNamespacedServiceAsync(Api.Service($"s{i}"), "default");
        }

        var errors = new List<Exception>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var events = new List<WatchEventType>();
        await foreach (var (type, _) in client.CoreV1.WatchListNamespacedServiceAsync("default", resourceVersion: first.Metadata.ResourceVersion, onError: errors.Add, cancellationToken: timeout.Token))
        {
            events.Add(type);
        }

        Assert.Empty(events);
        var status = Assert.IsType<KubernetesException>(Assert.Single(errors)).Status;
        Assert.Equal(410, status.Code);
        Assert.Equal("Expired", status.Reason);
    }

    [Fact]
    public async Task Watch_from_a_resourceVersion_still_in_the_history_is_served()
    {
        await using var server = await KubernetesTestApiServer.StartAsync(new TestApiServerOptions { HistoryLimit = 2 });
        using var client = server.CreateClient();
        await client.CoreV1.CreateNamespacedServiceAsync(Api.Service("s0"), "default");
        var start = server.CurrentResourceVersion.ToString(CultureInfo.InvariantCulture);
        await client.CoreV1.CreateNamespacedServiceAsync(Api.Service("s1"), "default");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await foreach (var (type, service) in client.CoreV1.WatchListNamespacedServiceAsync("default", resourceVersion: start, cancellationToken: timeout.Token))
        {
            Assert.Equal((WatchEventType.Added, "s1"), (type, service.Metadata.Name));
            break;
        }
    }
}
