using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace CfSync.Kubernetes.DevCluster.Tests;

// The Table form kubectl get asks for (meta.k8s.io/v1 Table): Name, then the CRD's additionalPrinterColumns or the
// built-in kind's columns, and per row the object as includeObject says.
public sealed class TableFormTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";

    private async Task<JsonObject> TableAsync(string path)
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", TableAccept);
        using var response = await http.SendAsync(request);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static string[] Names(JsonObject table) => [.. table["columnDefinitions"]!.AsArray().Select(c => (string)c!["name"]!)];

    [Fact]
    public async Task A_CRD_list_has_its_printer_columns_with_priorities_and_rows_with_metadata()
    {
        var name = "state-" + ServerFixture.UniqueNamespace();
        await fixture.Client.CustomObjects.CreateClusterCustomObjectAsync(
            new JsonObject { ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = new JsonObject { ["resourceType"] = "DNSRecord", ["cloudflareId"] = "rec-1" } },
            Api.Group, "v1alpha2", "cloudflaresyncstates");

        var table = await TableAsync($"/apis/{Api.Group}/v1alpha2/cloudflaresyncstates?fieldSelector=metadata.name%3D{name}");

        Assert.Equal(("Table", "meta.k8s.io/v1"), ((string?)table["kind"], (string?)table["apiVersion"]));
        Assert.Equal(["Name", "Type", "Cloudflare ID", "Status", "Sources", "Last Sync", "Age", "First Source", "Reason"], Names(table));
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 1, 1], table["columnDefinitions"]!.AsArray().Select(c => (int)c!["priority"]!));
        var row = Assert.Single(table["rows"]!.AsArray())!;
        var cells = row["cells"]!.AsArray();
        Assert.Equal([name, "DNSRecord", "rec-1"], cells.Take(3).Select(c => (string?)c));
        Assert.Null(cells[3]);
        Assert.EndsWith("s", (string?)cells[6], StringComparison.Ordinal);
        Assert.Equal("PartialObjectMetadata", (string?)row["object"]!["kind"]);
        Assert.Equal(name, (string?)row["object"]!["metadata"]!["name"]);
    }

    [Fact]
    public async Task A_built_in_kind_has_kubectls_usual_columns_and_includeObject_Object_carries_the_object()
    {
        var ns = ServerFixture.UniqueNamespace();
        await fixture.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Type = "NodePort", ClusterIP = "10.0.0.10", Ports = [new V1ServicePort { Port = 80, NodePort = 30080 }, new V1ServicePort { Port = 53, Protocol = "UDP" }] },
        }, ns);

        var table = await TableAsync($"/api/v1/namespaces/{ns}/services/web?includeObject=Object");

        Assert.Equal(["Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector"], Names(table));
        var row = Assert.Single(table["rows"]!.AsArray())!;
        Assert.Equal(["web", "NodePort", "10.0.0.10", "<none>", "80:30080/TCP,53/UDP"], row["cells"]!.AsArray().Take(5).Select(c => (string?)c));
        Assert.Equal("Service", (string?)row["object"]!["kind"]);
    }

    [Fact]
    public async Task Events_lead_with_last_seen_and_show_their_name_only_wide()
    {
        var ns = ServerFixture.UniqueNamespace();
        await fixture.Client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = "e1" },
            InvolvedObject = new V1ObjectReference { Kind = "Ingress", Name = "shop" },
            Reason = "Synced",
            Message = "done",
            Type = "Normal",
        }, ns);

        var table = await TableAsync($"/api/v1/namespaces/{ns}/events");

        Assert.Equal(["Last Seen", "Type", "Reason", "Object", "Subobject", "Source", "Message", "First Seen", "Count", "Name"], Names(table));
        Assert.Equal(["Normal", "Synced", "ingress/shop"], table["rows"]![0]!["cells"]!.AsArray().Skip(1).Take(3).Select(c => (string?)c));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(119, "119s")]
    [InlineData(125, "2m5s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600 + 60, "3h1m")]
    [InlineData(30 * 3600, "30h")]
    [InlineData(3 * 86400 + 7200, "3d2h")]
    [InlineData(400 * 86400, "400d")]
    [InlineData(3 * 365 * 86400 + 86400, "3y1d")]
    public void Ages_read_as_kubectl_prints_them(int seconds, string shown) =>
        Assert.Equal(shown, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(".spec.controllerName", "\"x.io/gw\"")]
    [InlineData(".status.conditions[?(@.type==\"Programmed\")].status", "\"False\"")]
    [InlineData(".status.conditions[0].reason", "\"Ok\"")]
    [InlineData(".status.addresses[*].value", "\"10.0.0.1\"")]
    [InlineData(".spec.hostnames", "[\"a.example.com\",\"b.example.com\"]")]
    [InlineData(".spec.absent", null)]
    [InlineData(".status.conditions[5].reason", null)]
    public void Printer_column_paths_find_the_first_match(string path, string? json)
    {
        var obj = JsonNode.Parse("""
            {"spec":{"controllerName":"x.io/gw","hostnames":["a.example.com","b.example.com"]},
             "status":{"addresses":[{"value":"10.0.0.1"},{"value":"10.0.0.2"}],
                       "conditions":[{"type":"Accepted","status":"True","reason":"Ok"},{"type":"Programmed","status":"False"}]}}
            """)!.AsObject();

        Assert.Equal(json, ColumnPath.Parse(path).First(obj)?.ToJsonString());
    }
}
