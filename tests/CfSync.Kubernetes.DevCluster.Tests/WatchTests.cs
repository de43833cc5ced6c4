using System.Globalization;
using k8s;
using k8s.Models;

namespace CfSync.Kubernetes.DevCluster.Tests;

// Conventions: "Efficient detection of changes" and "Watch bookmarks" in the API concepts: a watch from
// resourceVersion N gets every change after N; 410 Gone when N is older than the retained history.
public sealed class WatchTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private IKubernetes Client => fixture.Client;

    private IAsyncEnumerable<(WatchEventType, V1Service)> WatchServices(string ns, string? resourceVersion, CancellationToken cancellation, bool bookmarks = false, string? labelSelector = null) =>
        Client.CoreV1.WatchListNamespacedServiceAsync(ns, resourceVersion: resourceVersion, allowWatchBookmarks: bookmarks, labelSelector: labelSelector, cancellationToken: cancellation);

    private static async Task<List<(WatchEventType Type, T Object)>> TakeAsync<T>(IAsyncEnumerable<(WatchEventType, T)> events, int count)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var taken = new List<(WatchEventType, T)>();
        await foreach (var item in events.WithCancellation(timeout.Token))
        {
            taken.Add(item);
            if (taken.Count == count)
            {
                break;
            }
        }

        return taken;
    }

    [Fact]
    public async Task Watch_from_a_resourceVersion_replays_later_ADDED_MODIFIED_DELETED_in_order()
    {
        var ns = ServerFixture.UniqueNamespace();
        var start = fixture.Server.CurrentResourceVersion.ToString(CultureInfo.InvariantCulture);
        var created = await Client.CoreV1.CreateNamespacedServiceAsync(Api.Service("web"), ns);
        created.Metadata.Labels = new Dictionary<string, string> { ["v"] = "2" };
        await Client.CoreV1.ReplaceNamespacedServiceAsync(created, "web", ns);
        await Client.CoreV1.DeleteNamespacedServiceAsync("web", ns);

        using var cancel = new CancellationTokenSource();
        var events = await TakeAsync(WatchServices(ns, start, cancel.Token), 3);
        await cancel.CancelAsync();

        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], events.Select(e => e.Type));
        var versions = events.Select(e => long.Parse(e.Object.Metadata.ResourceVersion, CultureInfo.InvariantCulture)).ToArray();
        Assert.True(versions[0] < versions[1] && versions[1] < versions[2]);
    }

    [Fact]
    public async Task Watch_without_resourceVersion_starts_with_ADDED_for_existing_objects_then_streams_changes()
    {
        var ns = ServerFixture.UniqueNamespace();
        await Client.CoreV1.CreateNamespacedServiceAsync(Api.Service("existing"), ns);

        using var cancel = new CancellationTokenSource();
        var stream = WatchServices(ns, null, cancel.Token);
        var taking = TakeAsync(stream, 2);
        await Client.CoreV1.CreateNamespacedServiceAsync(Api.Service("later"), ns);
        var events = await taking;
        await cancel.CancelAsync();

        Assert.Equal([(WatchEventType.Added, "existing"), (WatchEventType.Added, "later")], events.Select(e => (e.Type, e.Object.Metadata.Name)));
    }

    [Fact]
    public async Task Watch_with_allowWatchBookmarks_gets_a_BOOKMARK_carrying_only_the_resourceVersion()
    {
        var ns = ServerFixture.UniqueNamespace();
        var created = await Client.CoreV1.CreateNamespacedServiceAsync(Api.Service("web"), ns);

        using var cancel = new CancellationTokenSource();
        var events = await TakeAsync(WatchServices(ns, created.Metadata.ResourceVersion, cancel.Token, bookmarks: true), 1);
        await cancel.CancelAsync();

        var bookmark = Assert.Single(events);
        Assert.Equal(WatchEventType.Bookmark, bookmark.Type);
        Assert.Null(bookmark.Object.Metadata.Name);
        Assert.True(long.Parse(bookmark.Object.Metadata.ResourceVersion, CultureInfo.InvariantCulture) >= long.Parse(created.Metadata.ResourceVersion, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Watch_with_a_label_selector_sees_DELETED_when_an_object_leaves_the_selection()
    {
        var ns = ServerFixture.UniqueNamespace();
        var start = fixture.Server.CurrentResourceVersion.ToString(CultureInfo.InvariantCulture);
        var created = await Client.CoreV1.CreateNamespacedServiceAsync(Api.Service("web", new Dictionary<string, string> { ["app"] = "edge" }), ns);
        created.Metadata.Labels = new Dictionary<string, string> { ["app"] = "other" };
        await Client.CoreV1.ReplaceNamespacedServiceAsync(created, "web", ns);

        using var cancel = new CancellationTokenSource();
        var events = await TakeAsync(WatchServices(ns, start, cancel.Token, labelSelector: "app=edge"), 2);
        await cancel.CancelAsync();

        Assert.Equal([WatchEventType.Added, WatchEventType.Deleted], events.Select(e => e.Type));
    }

    [Fact]
    public async Task Watch_of_a_custom_resource_through_the_generic_API_reports_changes()
    {
        var ns = ServerFixture.UniqueNamespace();
        var start = fixture.Server.CurrentResourceVersion.ToString(CultureInfo.InvariantCulture);
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Api.DnsRecord("www", "a.example.com"), Api.Group, "v1alpha2", ns, "dnsrecords");

        using var cancel = new CancellationTokenSource();
        var events = await TakeAsync(Client.CustomObjects.WatchListNamespacedCustomObjectAsync(Api.Group, "v1alpha2", ns, "dnsrecords", resourceVersion: start, cancellationToken: cancel.Token), 1);
        await cancel.CancelAsync();

        var (type, obj) = Assert.Single(events);
        Assert.Equal(WatchEventType.Added, type);
        Assert.Equal("DNSRecord", Api.Text(Api.Json(obj), "kind"));
        Assert.Equal($"{Api.Group}/v1alpha2", Api.Text(Api.Json(obj), "apiVersion"));
    }
}
