using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace CfSync.Kubernetes.DevCluster.Tests;

// Conventions: https://kubernetes.io/docs/reference/using-api/api-concepts/ and
// https://github.com/kubernetes/community/blob/master/contributors/devel/sig-architecture/api-conventions.md
public sealed class CrudTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private IKubernetes Client => fixture.Client;

    [Fact]
    public async Task Create_sets_uid_creationTimestamp_resourceVersion_and_generation_1_per_ObjectMeta_conventions()
    {
        var ns = ServerFixture.UniqueNamespace();

        var created = await Client.CoreV1.CreateNamespacedServiceAsync(Api.Service("web"), ns);

        Assert.True(Guid.TryParse(created.Metadata.Uid, out _));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal(ns, created.Metadata.NamespaceProperty);
        Assert.Equal("v1", created.ApiVersion);
        Assert.Equal("Service", created.Kind);
        Assert.True(long.Parse(created.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture) > 0);
        var read = await Client.CoreV1.ReadNamespacedServiceAsync("web", ns);
        Assert.Equal(created.Metadata.ResourceVersion, read.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Create_with_generateName_appends_a_random_suffix_per_ObjectMeta_generateName()
    {
        var ns = ServerFixture.UniqueNamespace();
        var service = new V1Service { Metadata = new V1ObjectMeta { GenerateName = "web-" } };

        var first = await Client.CoreV1.CreateNamespacedServiceAsync(service, ns);
        var second = await Client.CoreV1.CreateNamespacedServiceAsync(service, ns);

        Assert.StartsWith("web-", first.Metadata.Name, StringComparison.Ordinal);
        Assert.Equal("web-".Length + 5, first.Metadata.Name.Length);
        Assert.NotEqual(first.Metadata.Name, second.Metadata.Name);
    }

    [Fact]
    public async Task Create_of_an_existing_name_is_409_AlreadyExists_Status()
    {
        var ns = ServerFixture.UniqueNamespace();
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "token" } }, ns);

        var (code, status) = await Api.FailureAsync(() =>
            Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "token" } }, ns));

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("AlreadyExists", (string?)status["reason"]);
    }

    [Fact]
    public async Task Get_of_a_missing_object_is_404_NotFound_Status()
    {
        var (code, status) = await Api.FailureAsync(() =>
            Client.CustomObjects.GetNamespacedCustomObjectAsync(Api.Group, "v1alpha1", ServerFixture.UniqueNamespace(), "tunnelbindings", "absent"));

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("NotFound", (string?)status["reason"]);
    }

    [Fact]
    public async Task Update_with_a_stale_resourceVersion_is_409_Conflict_per_optimistic_concurrency()
    {
        var ns = ServerFixture.UniqueNamespace();
        var created = await Client.CoreV1.CreateNamespacedServiceAsync(Api.Service("web"), ns);
        var stale = await Client.CoreV1.ReadNamespacedServiceAsync("web", ns);
        created.Metadata.Labels = new Dictionary<string, string> { ["v"] = "1" };
        await Client.CoreV1.ReplaceNamespacedServiceAsync(created, "web", ns);

        stale.Metadata.Labels = new Dictionary<string, string> { ["v"] = "2" };
        var (code, status) = await Api.FailureAsync(() => Client.CoreV1.ReplaceNamespacedServiceAsync(stale, "web", ns));

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("Conflict", (string?)status["reason"]);
        Assert.Equal("web", (string?)status["details"]?["name"]);
        Assert.Equal("1", (await Client.CoreV1.ReadNamespacedServiceAsync("web", ns)).Metadata.Labels["v"]);
    }

    [Fact]
    public async Task Update_of_a_custom_resource_without_resourceVersion_is_422_Invalid_as_for_CRDs()
    {
        var ns = ServerFixture.UniqueNamespace();
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Api.DnsRecord("www", "a.example.com"), Api.Group, "v1alpha2", ns, "dnsrecords");

        var (code, status) = await Api.FailureAsync(() =>
            Client.CustomObjects.ReplaceNamespacedCustomObjectAsync(Api.DnsRecord("www", "b.example.com"), Api.Group, "v1alpha2", ns, "dnsrecords", "www"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("Invalid", (string?)status["reason"]);
    }

    [Fact]
    public async Task Update_that_changes_nothing_keeps_the_resourceVersion_and_generation()
    {
        var ns = ServerFixture.UniqueNamespace();
        var created = await Client.CoreV1.CreateNamespacedServiceAsync(Api.Service("web"), ns);

        var replaced = await Client.CoreV1.ReplaceNamespacedServiceAsync(created, "web", ns);

        Assert.Equal(created.Metadata.ResourceVersion, replaced.Metadata.ResourceVersion);
        Assert.Equal(1, replaced.Metadata.Generation);
    }

    [Fact]
    public async Task Delete_removes_the_object_and_a_later_get_is_404()
    {
        var ns = ServerFixture.UniqueNamespace();
        await Client.NetworkingV1.CreateNamespacedIngressAsync(new V1Ingress { Metadata = new V1ObjectMeta { Name = "site" } }, ns);

        await Client.NetworkingV1.DeleteNamespacedIngressAsync("site", ns);

        var (code, _) = await Api.FailureAsync(() => Client.NetworkingV1.ReadNamespacedIngressAsync("site", ns));
        Assert.Equal(HttpStatusCode.NotFound, code);
    }

    [Fact]
    public async Task Delete_with_a_stale_resourceVersion_precondition_is_409_Conflict()
    {
        var ns = ServerFixture.UniqueNamespace();
        var lease = await Client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = "leader" } }, ns);
        lease.Spec = new V1LeaseSpec { HolderIdentity = "a" };
        await Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "leader", ns);

        var options = new V1DeleteOptions { Preconditions = new V1Preconditions { ResourceVersion = lease.Metadata.ResourceVersion } };
        var (code, _) = await Api.FailureAsync(() => Client.CoordinationV1.DeleteNamespacedLeaseAsync("leader", ns, options));

        Assert.Equal(HttpStatusCode.Conflict, code);
    }

    [Fact]
    public async Task ResourceVersion_is_one_monotonic_counter_across_kinds_and_scopes()
    {
        var ns = ServerFixture.UniqueNamespace();
        var service = await Client.CoreV1.CreateNamespacedServiceAsync(Api.Service("web"), ns);
        var state = Api.Json(await Client.CustomObjects.CreateClusterCustomObjectAsync(
            new JsonObject { ["metadata"] = new JsonObject { ["name"] = "tunnel-" + ns }, ["spec"] = new JsonObject() },
            Api.Group, "v1alpha2", "cloudflaresyncstates"));
        var gatewayClass = await Client.CustomObjects.CreateClusterCustomObjectAsync(
            new JsonObject { ["metadata"] = new JsonObject { ["name"] = "gc-" + ns }, ["spec"] = new JsonObject { ["controllerName"] = "x" } },
            "gateway.networking.k8s.io", "v1", "gatewayclasses");

        var versions = new[] { service.Metadata.ResourceVersion, Api.Text(state, "metadata.resourceVersion"), Api.Text(Api.Json(gatewayClass), "metadata.resourceVersion") }
            .Select(v => long.Parse(v!, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.True(versions[0] < versions[1] && versions[1] < versions[2]);
        Assert.Null(state["metadata"]!["namespace"]);
    }

    [Fact]
    public async Task OwnerReferences_are_stored_as_given_and_no_garbage_collector_runs()
    {
        var ns = ServerFixture.UniqueNamespace();
        var owner = new V1OwnerReference { ApiVersion = "v1", Kind = "Service", Name = "web", Uid = Guid.NewGuid().ToString(), Controller = true };
        await Client.CoreV1.CreateNamespacedEventAsync(
            new Corev1Event { Metadata = new V1ObjectMeta { Name = "e1", OwnerReferences = [owner] }, InvolvedObject = new V1ObjectReference { Name = "web" } }, ns);

        var read = await Client.CoreV1.ReadNamespacedEventAsync("e1", ns);

        Assert.Equal(owner.Uid, Assert.Single(read.Metadata.OwnerReferences).Uid);
    }
}
