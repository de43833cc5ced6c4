using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace CfSync.Kubernetes.DevCluster.Tests;

// Conventions: "Patch operations" in the API concepts (merge patch per RFC 7386, JSON patch per RFC 6902).
public sealed class PatchTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private IKubernetes Client => fixture.Client;

    [Fact]
    public async Task Merge_patch_merges_objects_and_null_deletes_a_key_per_RFC_7386()
    {
        var ns = ServerFixture.UniqueNamespace();
        await Client.CoreV1.CreateNamespacedServiceAsync(Api.Service("web", new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }), ns);

        var patch = new V1Patch("""{"metadata":{"labels":{"a":null,"c":"3"}}}""", V1Patch.PatchType.MergePatch);
        var patched = await Client.CoreV1.PatchNamespacedServiceAsync(patch, "web", ns);

        Assert.Equal(new Dictionary<string, string> { ["b"] = "2", ["c"] = "3" }, patched.Metadata.Labels);
    }

    [Fact]
    public async Task Json_patch_applies_operations_in_order_per_RFC_6902()
    {
        var ns = ServerFixture.UniqueNamespace();
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Api.DnsRecord("www", "a.example.com"), Api.Group, "v1alpha2", ns, "dnsrecords");

        var patch = new V1Patch(
            """[{"op":"test","path":"/spec/content","value":"a.example.com"},{"op":"replace","path":"/spec/content","value":"b.example.com"},{"op":"add","path":"/metadata/labels","value":{"x":"y"}}]""",
            V1Patch.PatchType.JsonPatch);
        var patched = Api.Json(await Client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, Api.Group, "v1alpha2", ns, "dnsrecords", "www"));

        Assert.Equal("b.example.com", Api.Text(patched, "spec.content"));
        Assert.Equal("y", Api.Text(patched, "metadata.labels.x"));
        Assert.Equal("2", Api.Text(patched, "metadata.generation"));
    }

    [Fact]
    public async Task A_failed_json_patch_test_operation_changes_nothing_and_is_422()
    {
        var ns = ServerFixture.UniqueNamespace();
        var created = Api.Json(await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Api.DnsRecord("www", "a.example.com"), Api.Group, "v1alpha2", ns, "dnsrecords"));

        var patch = new V1Patch("""[{"op":"replace","path":"/spec/content","value":"c"},{"op":"test","path":"/spec/content","value":"nope"}]""", V1Patch.PatchType.JsonPatch);
        var (code, _) = await Api.FailureAsync(() => Client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, Api.Group, "v1alpha2", ns, "dnsrecords", "www"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        var read = Api.Json(await Client.CustomObjects.GetNamespacedCustomObjectAsync(Api.Group, "v1alpha2", ns, "dnsrecords", "www"));
        Assert.Equal(Api.Text(created, "metadata.resourceVersion"), Api.Text(read, "metadata.resourceVersion"));
    }

    [Fact]
    public async Task A_patch_carrying_a_stale_resourceVersion_is_409_Conflict()
    {
        var ns = ServerFixture.UniqueNamespace();
        var created = await Client.CoreV1.CreateNamespacedServiceAsync(Api.Service("web"), ns);
        await Client.CoreV1.PatchNamespacedServiceAsync(new V1Patch("""{"metadata":{"labels":{"a":"1"}}}""", V1Patch.PatchType.MergePatch), "web", ns);

        var stale = new JsonObject { ["metadata"] = new JsonObject { ["resourceVersion"] = created.Metadata.ResourceVersion, ["labels"] = new JsonObject { ["a"] = "2" } } };
        var (code, status) = await Api.FailureAsync(() =>
            Client.CoreV1.PatchNamespacedServiceAsync(new V1Patch(stale.ToJsonString(), V1Patch.PatchType.MergePatch), "web", ns));

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("Conflict", (string?)status["reason"]);
    }

    [Theory]
    [InlineData(Api.Group, "v1alpha2", "dnsrecords")]
    [InlineData("gateway.networking.k8s.io", "v1", "httproutes")]
    public async Task Strategic_merge_patch_of_a_custom_resource_is_415_UnsupportedMediaType_as_on_a_cluster(string group, string version, string plural)
    {
        var ns = ServerFixture.UniqueNamespace();
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(new JsonObject { ["metadata"] = new JsonObject { ["name"] = "x" } }, group, version, ns, plural);

        var (code, status) = await Api.FailureAsync(() =>
            Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch("{}", V1Patch.PatchType.StrategicMergePatch), group, version, ns, plural, "x"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, code);
        Assert.Contains("application/merge-patch+json", (string?)status["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strategic_merge_patch_of_a_Service_merges_its_ports_by_port()
    {
        var ns = ServerFixture.UniqueNamespace();
        await Client.CoreV1.CreateNamespacedServiceAsync(Api.Service("web"), ns);

        var patch = new V1Patch("""{"spec":{"ports":[{"port":443,"name":"https"},{"port":80,"name":"http"}]}}""", V1Patch.PatchType.StrategicMergePatch);
        var patched = await Client.CoreV1.PatchNamespacedServiceAsync(patch, "web", ns);

        Assert.Equal([(80, "http"), (443, "https")], patched.Spec.Ports.Select(p => (p.Port, p.Name)));
    }
}
