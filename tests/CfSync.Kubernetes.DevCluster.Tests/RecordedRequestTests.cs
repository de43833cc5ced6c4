using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace CfSync.Kubernetes.DevCluster.Tests;

// The record is server-wide, so each test starts its own server.
public sealed class RecordedRequestTests
{
    [Fact]
    public async Task Each_request_is_recorded_once_with_its_bearer_token_as_the_user_and_its_verb_as_RBAC_names_it()
    {
        await using var server = await KubernetesTestApiServer.StartAsync();
        using var alice = server.CreateClient("alice");
        using var anonymous = server.CreateClient();

        var binding = new JsonObject { ["apiVersion"] = $"{Api.Group}/v1alpha1", ["kind"] = "TunnelBinding", ["metadata"] = new JsonObject { ["name"] = "b" } };
        var created = Api.Json(await alice.CustomObjects.CreateNamespacedCustomObjectAsync(binding, Api.Group, "v1alpha1", "team", "tunnelbindings"));
        await alice.CustomObjects.GetNamespacedCustomObjectAsync(Api.Group, "v1alpha1", "team", "tunnelbindings", "b");
        await alice.CustomObjects.GetNamespacedCustomObjectAsync(Api.Group, "v1alpha1", "team", "tunnelbindings", "b");
        await alice.CustomObjects.ListClusterCustomObjectAsync(Api.Group, "v1alpha1", "tunnelbindings");
        created["status"] = new JsonObject { ["ready"] = true };
        await alice.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(created, Api.Group, "v1alpha1", "team", "tunnelbindings", "b");
        await alice.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"metadata":{"labels":{"a":"b"}}}""", V1Patch.PatchType.MergePatch), Api.Group, "v1alpha1", "team", "tunnelbindings", "b");
        await alice.CustomObjects.DeleteNamespacedCustomObjectAsync(Api.Group, "v1alpha1", "team", "tunnelbindings", "b");
        await WatchAsync(server, "/api/v1/namespaces/team/services?watch=true", "alice");
        await anonymous.CoreV1.ListNamespacedServiceAsync("team");

        Assert.Equal(
            Sorted(
            [
                new("alice", new("create", Api.Group, "tunnelbindings")),
                new("alice", new("get", Api.Group, "tunnelbindings")),
                new("alice", new("list", Api.Group, "tunnelbindings")),
                new("alice", new("update", Api.Group, "tunnelbindings", "status")),
                new("alice", new("patch", Api.Group, "tunnelbindings")),
                new("alice", new("delete", Api.Group, "tunnelbindings")),
                new("alice", new("watch", "", "services")),
                new("", new("list", "", "services")),
            ]),
            Sorted(server.RecordedRequests));
    }

    [Fact]
    public async Task Requests_answered_by_a_fault_are_recorded_and_discovery_and_unknown_paths_are_not()
    {
        await using var server = await KubernetesTestApiServer.StartAsync();
        using var client = server.CreateClient("bob");
        using (server.InjectFault(ApiFault.Forbidden("list", "services")))
        {
            await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => client.CoreV1.ListNamespacedServiceAsync("team"));
        }

        await client.Version.GetCodeAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        (await http.GetAsync(new Uri("/apis", UriKind.Relative))).EnsureSuccessStatusCode();
        Assert.False((await http.GetAsync(new Uri("/apis/example.com/v1/widgets", UriKind.Relative))).IsSuccessStatusCode);

        Assert.Equal([new RecordedRequest("bob", new ApiRequest("list", "", "services"))], server.RecordedRequests);
    }

    [Fact]
    public async Task The_record_is_kept_across_a_restart()
    {
        await using var server = await KubernetesTestApiServer.StartAsync();
        using var client = server.CreateClient("carol");
        await client.CoreV1.ListNamespacedServiceAsync("team");
        await server.StopAsync();
        await server.RestartAsync();
        await client.CoreV1.CreateNamespacedServiceAsync(Api.Service("s"), "team");

        Assert.Equal(
            Sorted([new("carol", new("create", "", "services")), new("carol", new("list", "", "services"))]),
            Sorted(server.RecordedRequests));
    }

    private static List<RecordedRequest> Sorted(IEnumerable<RecordedRequest> requests) =>
        [.. requests.OrderBy(r => r.ToString(), StringComparer.Ordinal)];

    private static async Task WatchAsync(KubernetesTestApiServer server, string path, string token)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
    }
}
