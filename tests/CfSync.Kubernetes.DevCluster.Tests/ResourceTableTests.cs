using System.Net;
using System.Text.Json.Nodes;
using k8s;

namespace CfSync.Kubernetes.DevCluster.Tests;

public sealed class ResourceTableTests
{
    [Fact]
    public async Task A_table_extended_with_a_kind_serves_it_and_unknown_kinds_are_404()
    {
        var widgets = new ApiResource("example.com", ["v1"], "widgets", "Widget", Namespaced: true, HasStatusSubresource: false, AllowUnconditionalUpdate: false);
        await using var server = await KubernetesTestApiServer.StartAsync(new TestApiServerOptions { Resources = new ApiResourceTable([.. ApiResourceTable.Default.Resources, widgets]) });
        using var client = server.CreateClient();

        var created = Api.Json(await client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new JsonObject { ["metadata"] = new JsonObject { ["name"] = "w" } }, "example.com", "v1", "default", "widgets"));
        var (code, _) = await Api.FailureAsync(() => client.CustomObjects.ListNamespacedCustomObjectAsync("example.com", "v1", "default", "gadgets"));

        Assert.Equal("Widget", Api.Text(created, "kind"));
        Assert.Equal(HttpStatusCode.NotFound, code);
    }
}
