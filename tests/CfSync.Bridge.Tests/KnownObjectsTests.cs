using CfSync.Bridge.Watching;
using CfSync.Watchers.Changes;
using k8s.Models;

namespace CfSync.Bridge.Tests;

public sealed class KnownObjectsTests
{
    private static readonly WatchedKind Tunnels = new("networking.cloudflare-operator.io", "v1alpha2", "clustertunnels", "ClusterTunnel", Namespaced: false, StatusRead: true);

    private static readonly WatchedKind Ingresses = new("networking.k8s.io", "v1", "ingresses", "Ingress", Namespaced: true, StatusRead: false);

    [Fact]
    public void A_first_list_reports_every_object_as_Resync()
    {
        var known = new KnownObjects(Tunnels);
        var changes = known.Replace([Seen("", "a", "u1", "5"), Seen("", "b", "u2", "6")], "7", first: true);
        Assert.Equal(
            [new ObjectChange(Tunnels.Group, "ClusterTunnel", null, "a", "u1", "5", ChangeType.Resync), new ObjectChange(Tunnels.Group, "ClusterTunnel", null, "b", "u2", "6", ChangeType.Resync)],
            changes);
    }

    [Fact]
    public void A_relist_reports_what_vanished_changed_or_was_recreated_and_nothing_else()
    {
        var known = new KnownObjects(Tunnels);
        known.Replace([Seen("", "gone", "u1", "5"), Seen("", "same", "u2", "6"), Seen("", "edited", "u3", "7"), Seen("", "recreated", "u4", "8")], "8", first: true);

        var changes = known.Replace([Seen("", "same", "u2", "6"), Seen("", "edited", "u3", "11"), Seen("", "recreated", "u9", "12"), Seen("", "new", "u5", "13")], "14", first: false);

        Assert.Equal(
            [
                new ObjectChange(Tunnels.Group, "ClusterTunnel", null, "edited", "u3", "11", ChangeType.Modified),
                new ObjectChange(Tunnels.Group, "ClusterTunnel", null, "recreated", "u9", "12", ChangeType.Added),
                new ObjectChange(Tunnels.Group, "ClusterTunnel", null, "new", "u5", "13", ChangeType.Added),
                new ObjectChange(Tunnels.Group, "ClusterTunnel", null, "gone", "u1", "14", ChangeType.Deleted),
            ],
            changes);
        Assert.Equal(4, known.Count);
    }

    [Fact]
    public void Watch_events_keep_the_known_objects_that_a_resync_reports()
    {
        var services = new WatchedKind("", "v1", "services", "Service", Namespaced: true, StatusRead: false);
        var known = new KnownObjects(services);
        known.Apply(ChangeType.Added, Seen("default", "web", "u1", "3"));
        known.Apply(ChangeType.Modified, Seen("default", "web", "u1", "4"));
        known.Apply(ChangeType.Added, Seen("other", "api", "u2", "5"));
        Assert.Equal(new ObjectChange("", "Service", "other", "api", "u2", "6", ChangeType.Deleted), known.Apply(ChangeType.Deleted, Seen("other", "api", "u2", "6")));

        Assert.Equal([new ObjectChange("", "Service", "default", "web", "u1", "4", ChangeType.Resync)], known.Resync());
    }

    [Fact]
    public void A_new_version_of_the_same_content_is_recorded_and_reports_nothing()
    {
        var known = new KnownObjects(Ingresses);
        known.Apply(ChangeType.Added, Of(Ingresses, "web", "u1", "3", generation: 1));

        // Our finalizer, then our load-balancer status: new resourceVersions, same generation, labels and annotations.
        Assert.Null(known.Apply(ChangeType.Modified, Of(Ingresses, "web", "u1", "4", generation: 1)));
        Assert.Null(known.Apply(ChangeType.Modified, Of(Ingresses, "web", "u1", "5", generation: 1)));
        Assert.Equal([new ObjectChange(Ingresses.Group, "Ingress", "default", "web", "u1", "5", ChangeType.Resync)], known.Resync());

        Assert.Equal(ChangeType.Modified, known.Apply(ChangeType.Modified, Of(Ingresses, "web", "u1", "6", generation: 2))?.Type);
        Assert.Equal(ChangeType.Modified, known.Apply(ChangeType.Modified, Of(Ingresses, "web", "u1", "7", generation: 2, annotation: "b"))?.Type);
        Assert.Equal(ChangeType.Modified, known.Apply(ChangeType.Modified, Of(Ingresses, "web", "u1", "8", generation: 3, deleting: true))?.Type);
        Assert.Equal(ChangeType.Deleted, known.Apply(ChangeType.Deleted, Of(Ingresses, "web", "u1", "9", generation: 3, deleting: true))?.Type);
    }

    [Fact]
    public void A_relist_does_not_report_an_object_whose_content_did_not_change()
    {
        var known = new KnownObjects(Ingresses);
        known.Replace([Of(Ingresses, "status-only", "u1", "3", generation: 1), Of(Ingresses, "edited", "u2", "4", generation: 1)], "4", first: true);

        var changes = known.Replace([Of(Ingresses, "status-only", "u1", "5", generation: 1), Of(Ingresses, "edited", "u2", "6", generation: 2)], "6", first: false);

        Assert.Equal([new ObjectChange(Ingresses.Group, "Ingress", "default", "edited", "u2", "6", ChangeType.Modified)], changes);
    }

    [Fact]
    public void Every_version_is_a_change_where_the_metadata_cannot_show_one()
    {
        // A ClusterTunnel's status carries its tunnel id; a Service keeps no generation, so its spec changes show nowhere.
        var tunnels = new KnownObjects(Tunnels);
        tunnels.Apply(ChangeType.Added, Of(Tunnels, "edge", "u1", "3", generation: 1));
        Assert.NotNull(tunnels.Apply(ChangeType.Modified, Of(Tunnels, "edge", "u1", "4", generation: 1)));

        var services = new WatchedKind("", "v1", "services", "Service", Namespaced: true, StatusRead: false);
        var known = new KnownObjects(services);
        known.Apply(ChangeType.Added, Of(services, "web", "u2", "5", generation: null));
        Assert.NotNull(known.Apply(ChangeType.Modified, Of(services, "web", "u2", "6", generation: null)));
    }

    private static ObjectSeen Seen(string @namespace, string name, string uid, string resourceVersion) => new(@namespace, name, uid, resourceVersion, Content: null);

    private static ObjectSeen Of(WatchedKind kind, string name, string uid, string resourceVersion, long? generation, string annotation = "a", bool deleting = false) =>
        ObjectSeen.Of(kind, new V1ObjectMeta
        {
            NamespaceProperty = kind.Namespaced ? "default" : null,
            Name = name,
            Uid = uid,
            ResourceVersion = resourceVersion,
            Generation = generation,
            Annotations = new Dictionary<string, string> { ["note"] = annotation },
            Finalizers = [$"finalizer-{resourceVersion}"],
            DeletionTimestamp = deleting ? new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc) : null,
        });
}
