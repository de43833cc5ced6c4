using CfSync.Kubernetes.DevCluster;
using CfSync.Kubernetes.Sources;
using CfSync.Kubernetes.SyncStates;
using CfSync.Testing;
using CfSync.Translation;
using CfSync.Watchers.Cluster;
using CfSync.Watchers.Watching;

namespace CfSync.Deploy.Tests;

/// <summary>
/// Least privilege: each service account's roles grant exactly the requests its program makes, compared both ways.
/// The requests are derived from the code's own catalogs (the kinds, what the watchers list, which kinds take a
/// condition) plus the fixed calls of the status writers, each named where it is made.
/// The end-to-end RbacTests compare the requests the programs really make with the same <see cref="Grants"/>.
/// </summary>
public sealed class RbacTests
{
    /// <summary>The bridge: list and watch of every kind CfSync reads, and the LeaseLock's calls on its Lease.</summary>
    public static IEnumerable<ApiRequest> BridgeRequests =>
        Kinds.All.SelectMany(k => new[] { new ApiRequest("list", k.Kind.Group, k.Plural), new ApiRequest("watch", k.Kind.Group, k.Plural) })
            .Concat(new[] { "get", "create", "update" }.Select(v => new ApiRequest(v, "coordination.k8s.io", "leases")));

    /// <summary>The watcher and durable functions (src/CfSync.Watchers, src/CfSync.Kubernetes).</summary>
    public static IEnumerable<ApiRequest> FunctionsRequests
    {
        get
        {
            var sources = Kinds.All.Where(k => k.ContributesFragments).ToList();

            // ChangeWatcher/SourceObjects read each changed source; SourceFinalizer patches metadata.finalizers.
            var requests = sources.SelectMany(k => new[] { new ApiRequest("get", k.Kind.Group, k.Plural), new ApiRequest("patch", k.Kind.Group, k.Plural) }).ToList();

            // Lists: the revision (one Service) and each namespace's Services, the ClusterSnapshot, the dependents of a change.
            var listed = ClusterSnapshot.ClusterWideKinds.Append(Kinds.Service)
                .Concat(Kinds.All.SelectMany(k => Dependents.Of(k.Kind)?.Kinds ?? []));
            requests.AddRange(listed.Distinct().Select(k => Kinds.Find(k)!).Select(k => new ApiRequest("list", k.Kind.Group, k.Plural)));

            // SourceStatusWriter: the CloudflareSynced condition through the status subresource of the kinds that take one,
            // and an applied Ingress's load-balancer hostname (read, then merge-patched).
            requests.AddRange(sources.Select(k => SourceKinds.Find(k.Kind.Kind)!).Where(k => k.TakesCondition).Distinct()
                .Select(k => new ApiRequest("update", k.Group, k.Plural, "status")));
            requests.Add(new ApiRequest("get", Kinds.NetworkingGroup, "ingresses", "status"));
            requests.Add(new ApiRequest("patch", Kinds.NetworkingGroup, "ingresses", "status"));

            // SyncStateWriter: get, create, replace the spec, replace the status, delete when no source is left.
            requests.AddRange(new[] { "get", "create", "update", "delete" }.Select(v => new ApiRequest(v, SyncStateNames.Group, SyncStateNames.Plural)));
            requests.Add(new ApiRequest("update", SyncStateNames.Group, SyncStateNames.Plural, "status"));

            // SourceEvents: read an Event, create it, or replace it with its count raised.
            requests.AddRange(new[] { "get", "create", "update" }.Select(v => new ApiRequest(v, "", "events")));
            return requests.Distinct();
        }
    }

    [Theory]
    [MemberData(nameof(Overlay.Names), MemberType = typeof(Overlay))]
    public void The_bridge_may_do_exactly_what_it_does(string name) =>
        AssertExactly(Grants.Of(Overlay.Of(name), Grants.Bridge), BridgeRequests);

    [Theory]
    [MemberData(nameof(Overlay.Names), MemberType = typeof(Overlay))]
    public void The_functions_may_do_exactly_what_they_do(string name) =>
        AssertExactly(Grants.Of(Overlay.Of(name), Grants.Functions), FunctionsRequests);

    /// <summary>The HTTP functions only talk to the task hub: no role, and no token in their pods.</summary>
    [Theory]
    [MemberData(nameof(Overlay.Names), MemberType = typeof(Overlay))]
    public void The_api_may_do_nothing_and_gets_no_token(string name)
    {
        var overlay = Overlay.Of(name);
        Assert.Empty(Grants.Of(overlay, "cfsync-api"));
        Assert.False((bool?)Overlay.PodSpec(overlay.Get("Deployment", "cfsync-api"))["automountServiceAccountToken"]);
        Assert.Equal("cfsync-api", (string?)Overlay.PodSpec(overlay.Get("Deployment", "cfsync-api"))["serviceAccountName"]);
    }

    [Fact]
    public void The_lease_rules_name_the_lease_except_for_create()
    {
        var role = Overlay.Of("production").Get("Role", "cfsync-bridge-lease");
        var rules = role["rules"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.All(rules.Where(r => r["verbs"]!.AsArray().Any(v => (string?)v != "create")), r => Assert.NotNull(r["resourceNames"]));
    }

    private static void AssertExactly(IReadOnlySet<ApiRequest> granted, IEnumerable<ApiRequest> requests)
    {
        var (missing, unused) = Grants.Compare(granted, requests);
        Assert.True(missing.Count == 0 && unused.Count == 0,
            $"missing: [{string.Join(", ", missing)}]; granted but unused: [{string.Join(", ", unused)}]");
    }
}
