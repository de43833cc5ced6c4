using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace CfSync.Kubernetes.DevCluster.Tests;

// Discovery as kube-apiserver answers it, unaggregated: kubectl 1.32 asks /api and /apis for apidiscovery.k8s.io/v2
// first and falls back when the answer is plain application/json.
public sealed class DiscoveryTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string AggregatedAccept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";

    private async Task<(HttpResponseMessage Response, JsonObject Body)> GetAsync(string path, string accept = "application/json")
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await http.SendAsync(request);
        return (response, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    [Fact]
    public async Task Api_and_apis_answer_unaggregated_lists_in_plain_json_even_when_aggregated_is_asked_for()
    {
        var (apiResponse, api) = await GetAsync("/api", AggregatedAccept);
        var (_, apis) = await GetAsync("/apis", AggregatedAccept);

        Assert.Equal(new MediaTypeHeaderValue("application/json"), apiResponse.Content.Headers.ContentType);
        Assert.Equal("APIVersions", (string?)api["kind"]);
        Assert.Equal(["v1"], api["versions"]!.AsArray().Select(v => (string?)v));
        Assert.Equal("APIGroupList", (string?)apis["kind"]);
        var cloudflare = apis["groups"]!.AsArray().Single(g => (string?)g!["name"] == Api.Group)!;
        Assert.Equal(["v1alpha2", "v1alpha1"], cloudflare["versions"]!.AsArray().Select(v => (string?)v!["version"]));
        Assert.Equal($"{Api.Group}/v1alpha2", (string?)cloudflare["preferredVersion"]!["groupVersion"]);
        Assert.Contains(apis["groups"]!.AsArray(), g => (string?)g!["name"] == "networking.k8s.io");
    }

    [Fact]
    public async Task A_group_version_lists_its_resources_with_verbs_short_names_scope_kind_and_status_subresources()
    {
        var (_, list) = await GetAsync("/apis/networking.k8s.io/v1");
        var (_, core) = await GetAsync("/api/v1");

        Assert.Equal(("APIResourceList", "networking.k8s.io/v1"), ((string?)list["kind"], (string?)list["groupVersion"]));
        var ingresses = list["resources"]!.AsArray().Single(r => (string?)r!["name"] == "ingresses")!;
        Assert.Equal(("Ingress", "ingress", true), ((string?)ingresses["kind"], (string?)ingresses["singularName"], (bool?)ingresses["namespaced"]));
        Assert.Equal(["ing"], ingresses["shortNames"]!.AsArray().Select(s => (string?)s));
        Assert.Equal(["create", "delete", "get", "list", "patch", "update", "watch"], ingresses["verbs"]!.AsArray().Select(v => (string?)v));
        var status = list["resources"]!.AsArray().Single(r => (string?)r!["name"] == "ingresses/status")!;
        Assert.Equal(["get", "patch", "update"], status["verbs"]!.AsArray().Select(v => (string?)v));
        var services = core["resources"]!.AsArray().Single(r => (string?)r!["name"] == "services")!;
        Assert.Equal(["svc"], services["shortNames"]!.AsArray().Select(s => (string?)s));
        Assert.Equal(["all"], services["categories"]!.AsArray().Select(s => (string?)s));
        Assert.False((bool?)core["resources"]!.AsArray().Single(r => (string?)r!["name"] == "namespaces")!["namespaced"]);
    }

    [Fact]
    public async Task Version_and_an_unknown_group_answer_as_kube_apiserver_does()
    {
        var (_, version) = await GetAsync("/version");
        var (missing, status) = await GetAsync("/apis/example.com/v1");

        Assert.Equal(("1", "32"), ((string?)version["major"], (string?)version["minor"]));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("NotFound", (string?)status["reason"]);
    }

    [Fact]
    public async Task OpenApi_v3_declares_each_kinds_patch_with_fieldValidation_and_strategic_merge_only_for_built_in_kinds()
    {
        var (_, index) = await GetAsync("/openapi/v3");
        var url = (string)index["paths"]!["apis/networking.k8s.io/v1"]!["serverRelativeURL"]!;
        var (_, networking) = await GetAsync(url);
        var (_, cloudflare) = await GetAsync((string)index["paths"]![$"apis/{Api.Group}/v1alpha2"]!["serverRelativeURL"]!);
        var (missing, _) = await GetAsync("/openapi/v3/apis/example.com/v1");

        Assert.NotNull(index["paths"]!["api/v1"]);
        var ingressPatch = networking["paths"]!["/apis/networking.k8s.io/v1/namespaces/{namespace}/ingresses/{name}"]!["patch"]!;
        Assert.Equal("Ingress", (string?)ingressPatch["x-kubernetes-group-version-kind"]!["kind"]);
        Assert.Contains(ingressPatch["parameters"]!.AsArray(), p => (string?)p!["name"] == "fieldValidation");
        Assert.NotNull(ingressPatch["requestBody"]!["content"]!["application/strategic-merge-patch+json"]);
        var statePatch = cloudflare["paths"]![$"/apis/{Api.Group}/v1alpha2/cloudflaresyncstates/{{name}}"]!["patch"]!;
        Assert.Null(statePatch["requestBody"]!["content"]!["application/strategic-merge-patch+json"]);
        Assert.NotNull(statePatch["requestBody"]!["content"]!["application/merge-patch+json"]);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
