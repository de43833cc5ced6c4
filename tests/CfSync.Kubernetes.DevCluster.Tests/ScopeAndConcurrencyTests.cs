using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace CfSync.Kubernetes.DevCluster.Tests;

// Conventions: resource scope in the URL ("Resource URIs" in the API concepts) and optimistic
// concurrency under contention ("Concurrency Control and Consistency" in the API conventions).
public sealed class ScopeAndConcurrencyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private IKubernetes Client => fixture.Client;

    [Fact]
    public async Task Of_concurrent_updates_from_one_resourceVersion_exactly_one_wins()
    {
        var ns = ServerFixture.UniqueNamespace();
        var lease = await Client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = "leader" } }, ns);

        var attempts = Enumerable.Range(0, 8).Select(async i =>
        {
            var candidate = new V1Lease { Metadata = new V1ObjectMeta { Name = "leader", ResourceVersion = lease.Metadata.ResourceVersion }, Spec = new V1LeaseSpec { HolderIdentity = $"holder-{i}" } };
            try
            {
                await Client.CoordinationV1.ReplaceNamespacedLeaseAsync(candidate, "leader", ns);
                return true;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
            {
                return false;
            }
        });
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, won => won);
    }

    [Fact]
    public async Task A_cluster_scoped_CloudflareSyncState_has_no_namespace_and_a_status_subresource()
    {
        var name = "tunnel-" + Guid.NewGuid().ToString("N")[..8];
        var body = new JsonObject { ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = new JsonObject { ["resourceType"] = "Tunnel" } };
        var created = Api.Json(await Client.CustomObjects.CreateClusterCustomObjectAsync(body, Api.Group, "v1alpha2", "cloudflaresyncstates"));
        created["status"] = new JsonObject { ["syncStatus"] = "Synced" };

        var updated = Api.Json(await Client.CustomObjects.ReplaceClusterCustomObjectStatusAsync(created, Api.Group, "v1alpha2", "cloudflaresyncstates", name));

        Assert.Null(Api.Text(updated, "metadata.namespace"));
        Assert.Equal("Synced", Api.Text(updated, "status.syncStatus"));
        Assert.Equal("1", Api.Text(updated, "metadata.generation"));
    }

    [Fact]
    public async Task A_cluster_scoped_kind_under_a_namespace_URL_is_404()
    {
        var (code, _) = await Api.FailureAsync(() =>
            Client.CustomObjects.GetNamespacedCustomObjectAsync(Api.Group, "v1alpha2", "default", "cloudflaresyncstates", "x"));

        Assert.Equal(HttpStatusCode.NotFound, code);
    }

    [Fact]
    public async Task Both_served_versions_of_a_CRD_read_the_same_object_in_the_requested_apiVersion()
    {
        var ns = ServerFixture.UniqueNamespace();
        var body = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "t" }, ["spec"] = new JsonObject() };
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(body, Api.Group, "v1alpha1", ns, "tunnels");

        var read = Api.Json(await Client.CustomObjects.GetNamespacedCustomObjectAsync(Api.Group, "v1alpha2", ns, "tunnels", "t"));

        Assert.Equal($"{Api.Group}/v1alpha2", Api.Text(read, "apiVersion"));
    }

    [Fact]
    public async Task A_watch_across_all_namespaces_sees_changes_in_every_namespace()
    {
        var start = fixture.Server.CurrentResourceVersion.ToString(CultureInfo.InvariantCulture);
        var first = ServerFixture.UniqueNamespace();
        var second = ServerFixture.UniqueNamespace();
        await Client.CoreV1.CreateNamespacedServiceAsync(Api.Service("one"), first);
        await Client.CoreV1.CreateNamespacedServiceAsync(Api.Service("two"), second);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var seen = new List<string>();
        await foreach (var (_, service) in Client.CoreV1.WatchListServiceForAllNamespacesAsync(resourceVersion: start, cancellationToken: timeout.Token))
        {
            seen.Add(service.Metadata.NamespaceProperty);
            if (seen.Count == 2)
            {
                break;
            }
        }

        Assert.Equal([first, second], seen);
    }
}
