using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace CfSync.Kubernetes.DevCluster.Tests;

// Convention: CRD status subresource ("PUT/PATCH on the resource ignore status; PUT on /status ignores
// everything but status; metadata.generation increments on changes except to .metadata or .status").
public sealed class StatusSubresourceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Plural = "dnsrecords";
    private const string Version = "v1alpha2";

    private IKubernetes Client => fixture.Client;

    private async Task<(string Ns, JsonObject Created)> CreateAsync()
    {
        var ns = ServerFixture.UniqueNamespace();
        var body = Api.DnsRecord("www", "a.example.com");
        body["status"] = new JsonObject { ["recordId"] = "ignored-on-create" };
        var created = Api.Json(await Client.CustomObjects.CreateNamespacedCustomObjectAsync(body, Api.Group, Version, ns, Plural));
        return (ns, created);
    }

    [Fact]
    public async Task Create_drops_status_when_a_status_subresource_exists()
    {
        var (_, created) = await CreateAsync();

        Assert.Null(created["status"]);
    }

    [Fact]
    public async Task Put_on_the_status_subresource_ignores_spec_and_keeps_generation()
    {
        var (ns, created) = await CreateAsync();
        var body = (JsonObject)created.DeepClone();
        body["spec"]!["content"] = "changed.example.com";
        body["status"] = new JsonObject { ["recordId"] = "r1" };

        var updated = Api.Json(await Client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(body, Api.Group, Version, ns, Plural, "www"));

        Assert.Equal("r1", Api.Text(updated, "status.recordId"));
        Assert.Equal("a.example.com", Api.Text(updated, "spec.content"));
        Assert.Equal("1", Api.Text(updated, "metadata.generation"));
        Assert.NotEqual(Api.Text(created, "metadata.resourceVersion"), Api.Text(updated, "metadata.resourceVersion"));
    }

    [Fact]
    public async Task Put_on_the_object_ignores_status_and_bumps_generation_for_a_spec_change()
    {
        var (ns, created) = await CreateAsync();
        var withStatus = Api.Json(await Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch("""{"status":{"recordId":"r1"}}""", V1Patch.PatchType.MergePatch), Api.Group, Version, ns, Plural, "www"));
        var body = (JsonObject)withStatus.DeepClone();
        body["spec"]!["content"] = "b.example.com";
        body["status"] = new JsonObject { ["recordId"] = "overwritten?" };

        var updated = Api.Json(await Client.CustomObjects.ReplaceNamespacedCustomObjectAsync(body, Api.Group, Version, ns, Plural, "www"));

        Assert.Equal("r1", Api.Text(updated, "status.recordId"));
        Assert.Equal("b.example.com", Api.Text(updated, "spec.content"));
        Assert.Equal("2", Api.Text(updated, "metadata.generation"));
        Assert.Equal("1", Api.Text(created, "metadata.generation"));
    }

    [Fact]
    public async Task A_metadata_only_change_keeps_generation_but_bumps_resourceVersion()
    {
        var (ns, created) = await CreateAsync();

        var labelled = Api.Json(await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"metadata":{"labels":{"team":"edge"}}}""", V1Patch.PatchType.MergePatch), Api.Group, Version, ns, Plural, "www"));

        Assert.Equal("1", Api.Text(labelled, "metadata.generation"));
        Assert.NotEqual(Api.Text(created, "metadata.resourceVersion"), Api.Text(labelled, "metadata.resourceVersion"));
    }

    [Fact]
    public async Task Core_kinds_with_status_follow_the_same_split()
    {
        var ns = ServerFixture.UniqueNamespace();
        var ingress = await Client.NetworkingV1.CreateNamespacedIngressAsync(new V1Ingress { Metadata = new V1ObjectMeta { Name = "site" } }, ns);
        ingress.Status = new V1IngressStatus { LoadBalancer = new V1IngressLoadBalancerStatus { Ingress = [new V1IngressLoadBalancerIngress { Hostname = "t.cfargotunnel.com" }] } };

        var viaMain = await Client.NetworkingV1.ReplaceNamespacedIngressAsync(ingress, "site", ns);
        var viaStatus = await Client.NetworkingV1.ReplaceNamespacedIngressStatusAsync(ingress, "site", ns);

        Assert.Null(viaMain.Status?.LoadBalancer?.Ingress);
        Assert.Equal("t.cfargotunnel.com", Assert.Single(viaStatus.Status.LoadBalancer.Ingress).Hostname);
    }
}
