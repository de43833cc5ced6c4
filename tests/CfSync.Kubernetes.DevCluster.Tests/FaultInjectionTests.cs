using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace CfSync.Kubernetes.DevCluster.Tests;

// Faults are server-wide, so each test starts its own server. The answers follow the API server's: RBAC denies with
// 403 reason Forbidden naming the verb and resource; API Priority and Fairness answers 429 with Retry-After.
public sealed class FaultInjectionTests : IAsyncLifetime
{
    private KubernetesTestApiServer server = null!;
    private IKubernetes client = null!;

    public async Task InitializeAsync()
    {
        server = await KubernetesTestApiServer.StartAsync();
        client = server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    private async Task<JsonObject> CreateBindingAsync(string ns, string name) =>
        Api.Json(await client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new JsonObject { ["apiVersion"] = $"{Api.Group}/v1alpha1", ["kind"] = "TunnelBinding", ["metadata"] = new JsonObject { ["name"] = name } },
            Api.Group, "v1alpha1", ns, "tunnelbindings"));

    [Fact]
    public async Task A_forbidden_verb_on_a_subresource_is_403_Forbidden_for_that_verb_and_subresource_only()
    {
        var created = await CreateBindingAsync("team", "b");
        created["status"] = new JsonObject { ["ready"] = true };
        using (server.InjectFault(ApiFault.Forbidden("update", "tunnelbindings/status")))
        {
            var (code, status) = await Api.FailureAsync(() =>
                client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(created, Api.Group, "v1alpha1", "team", "tunnelbindings", "b"));
            Assert.Equal(HttpStatusCode.Forbidden, code);
            Assert.Equal("Forbidden", (string?)status["reason"]);
            Assert.Equal(
                $"tunnelbindings.{Api.Group} \"b\" is forbidden: User \"system:serviceaccount:cfsync:cfsync\" cannot update resource \"tunnelbindings/status\" in API group \"{Api.Group}\" in the namespace \"team\"",
                (string?)status["message"]);

            // The same verb on the object itself, and other verbs on the subresource, are served.
            await client.CustomObjects.GetNamespacedCustomObjectStatusAsync(Api.Group, "v1alpha1", "team", "tunnelbindings", "b");
            await client.CustomObjects.ReplaceNamespacedCustomObjectAsync(created, Api.Group, "v1alpha1", "team", "tunnelbindings", "b");
        }

        var fresh = Api.Json(await client.CustomObjects.GetNamespacedCustomObjectAsync(Api.Group, "v1alpha1", "team", "tunnelbindings", "b"));
        fresh["status"] = new JsonObject { ["ready"] = true };
        var updated = Api.Json(await client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(fresh, Api.Group, "v1alpha1", "team", "tunnelbindings", "b"));
        Assert.Equal("true", Api.Text(updated, "status.ready"));
    }

    [Fact]
    public async Task A_fault_for_one_group_leaves_the_same_plural_of_another_group_alone()
    {
        using var fault = server.InjectFault(new ApiFault("create", "events", 403) { Group = "" });
        var coreEvent = new Corev1Event { Metadata = new V1ObjectMeta { Name = "e" }, InvolvedObject = new V1ObjectReference { Kind = "Ingress", Name = "web" } };

        var (code, _) = await Api.FailureAsync(() => client.CoreV1.CreateNamespacedEventAsync(coreEvent, "shop"));
        Assert.Equal(HttpStatusCode.Forbidden, code);
        var created = await client.EventsV1.CreateNamespacedEventAsync(new Eventsv1Event { Metadata = new V1ObjectMeta { Name = "e" }, EventTime = DateTime.UtcNow }, "shop");
        Assert.Equal("e", created.Metadata.Name);
    }

    [Fact]
    public async Task An_injected_429_carries_Retry_After_and_an_injected_500_is_an_InternalError()
    {
        using (server.InjectFault(new ApiFault("list", "ingresses", 429)))
        {
            var error = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => client.NetworkingV1.ListNamespacedIngressAsync("shop"));
            Assert.Equal(HttpStatusCode.TooManyRequests, error.Response.StatusCode);
            Assert.Equal(["1"], error.Response.Headers["Retry-After"]);
        }

        using (server.InjectFault(new ApiFault("get", "ingresses", 500)))
        {
            var (code, status) = await Api.FailureAsync(() => client.NetworkingV1.ReadNamespacedIngressAsync("web", "shop"));
            Assert.Equal((HttpStatusCode.InternalServerError, "InternalError"), (code, (string?)status["reason"]));
        }

        Assert.Empty((await client.NetworkingV1.ListNamespacedIngressAsync("shop")).Items);
    }

    [Fact]
    public void A_code_the_API_server_never_answers_is_refused_when_injected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => server.InjectFault(new ApiFault("get", "services", 418)));
    }

    [Fact]
    public async Task A_stopped_server_refuses_connections_and_comes_back_on_the_same_port_with_its_objects()
    {
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "kept" } }, "shop");
        var before = server.CurrentResourceVersion;

        await server.StopAsync();
        await Assert.ThrowsAsync<HttpRequestException>(() => client.CoreV1.ReadNamespacedConfigMapAsync("kept", "shop"));

        await server.RestartAsync();
        var kept = await client.CoreV1.ReadNamespacedConfigMapAsync("kept", "shop");
        Assert.Equal("kept", kept.Metadata.Name);
        var next = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "later" } }, "shop");
        Assert.Equal(before + 1, long.Parse(next.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Restarting_a_running_server_is_refused()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => server.RestartAsync());
    }
}
