using CfSync.Bridge.Watching;
using CfSync.Watchers.Changes;

namespace CfSync.Bridge.Tests;

public sealed class KnownObjectsTests
{
    private static readonly WatchedKind Tunnels = new("networking.cloudflare-operator.io", "v1alpha2", "clustertunnels", "ClusterTunnel", Namespaced: false);

    [Fact]
    public void A_first_list_reports_every_object_as_Resync()
    {
        var known = new KnownObjects(Tunnels);
        var changes = known.Replace([new("", "a", "u1", "5"), new("", "b", "u2", "6")], "7", first: true);
        Assert.Equal(
            [new ObjectChange(Tunnels.Group, "ClusterTunnel", null, "a", "u1", "5", ChangeType.Resync), new ObjectChange(Tunnels.Group, "ClusterTunnel", null, "b", "u2", "6", ChangeType.Resync)],
            changes);
    }

    [Fact]
    public void A_relist_reports_what_vanished_changed_or_was_recreated_and_nothing_else()
    {
        var known = new KnownObjects(Tunnels);
        known.Replace([new("", "gone", "u1", "5"), new("", "same", "u2", "6"), new("", "edited", "u3", "7"), new("", "recreated", "u4", "8")], "8", first: true);

        var changes = known.Replace([new("", "same", "u2", "6"), new("", "edited", "u3", "11"), new("", "recreated", "u9", "12"), new("", "new", "u5", "13")], "14", first: false);

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
        var services = new WatchedKind("", "v1", "services", "Service", Namespaced: true);
        var known = new KnownObjects(services);
        known.Apply(ChangeType.Added, new("default", "web", "u1", "3"));
        known.Apply(ChangeType.Modified, new("default", "web", "u1", "4"));
        known.Apply(ChangeType.Added, new("other", "api", "u2", "5"));
        Assert.Equal(new ObjectChange("", "Service", "other", "api", "u2", "6", ChangeType.Deleted), known.Apply(ChangeType.Deleted, new("other", "api", "u2", "6")));

        Assert.Equal([new ObjectChange("", "Service", "default", "web", "u1", "4", ChangeType.Resync)], known.Resync());
    }
}
