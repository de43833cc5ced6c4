using System.Text.Json.Nodes;

namespace CfSync.Crds.Tests;

public class CrdShapeTests
{
    public static TheoryData<string> Kinds => [.. Expected.Keys];

    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["CloudflareSyncState"] = "Cluster",
        ["Tunnel"] = "Namespaced",
        ["ClusterTunnel"] = "Cluster",
        ["TunnelBinding"] = "Namespaced",
        ["DNSRecord"] = "Namespaced",
        ["AccessApplication"] = "Cluster",
        ["NetworkRoute"] = "Cluster",
        ["GatewayRule"] = "Cluster",
        ["TunnelIngressClassConfig"] = "Namespaced",
        ["TunnelGatewayClassConfig"] = "Namespaced",
        ["VirtualNetwork"] = "Cluster",
    };

    [Fact]
    public void Infra_crds_holds_one_CRD_per_kind_we_own_or_consume()
    {
        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), Crd.All.Select(c => c.Kind).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Each_CRD_has_a_valid_shape(string kind)
    {
        var crd = Crd.For(kind);
        var obj = crd.Document.Object;
        Assert.Equal("apiextensions.k8s.io/v1", (string?)obj["apiVersion"]);
        Assert.Equal("CustomResourceDefinition", (string?)obj["kind"]);
        Assert.Equal("networking.cloudflare-operator.io", crd.Group);
        var names = obj["spec"]!["names"]!;
        var plural = (string)names["plural"]!;
        Assert.Equal($"{plural}.{crd.Group}", (string?)obj["metadata"]!["name"]);
        Assert.Equal(kind.ToLowerInvariant(), (string?)names["singular"]);
        Assert.Equal(kind + "List", (string?)names["listKind"]);
        Assert.Equal(Expected[kind], crd.Scope);

        Assert.Single(crd.Versions, v => v["storage"]?.GetValue<bool>() == true);
        foreach (var version in crd.Versions)
        {
            Assert.True(version["served"]?.GetValue<bool>());
            var schema = version["schema"]!["openAPIV3Schema"]!.AsObject();
            Assert.Equal("object", (string?)schema["type"]);
            if (schema["properties"]?["status"] is not null)
            {
                Assert.NotNull(version["subresources"]?["status"]);
            }

            foreach (var column in version["additionalPrinterColumns"]?.AsArray() ?? [])
            {
                Assert.StartsWith(".", (string)column!["jsonPath"]!, StringComparison.Ordinal);
                Assert.Contains((string)column["type"]!, new[] { "string", "integer", "number", "boolean", "date" });
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Scope_and_served_versions_match_the_reference_CRDs(string kind)
    {
        var reference = ReferenceCrdFacts.For(kind);
        var ours = Crd.For(kind);

        Assert.Equal(reference.Scope, ours.Scope);
        Assert.Equal(
            reference.Versions.Where(v => v.Served).Select(v => v.Name).Order(StringComparer.Ordinal),
            ServedVersions(ours.Document.Object["spec"]!["versions"]!.AsArray()));
        Assert.Equal(
            reference.Versions.Where(v => v.Storage).Select(v => v.Name).Single(),
            StorageVersion(ours.Document.Object["spec"]!["versions"]!.AsArray()));
    }

    [Fact]
    public void CloudflareSyncState_prints_type_id_status_sources_last_sync_and_age()
    {
        var crd = Crd.For("CloudflareSyncState");
        var names = crd.Document.Object["spec"]!["names"]!;
        Assert.Equal(["cfss", "syncstate"], names["shortNames"]!.AsArray().Select(n => (string)n!));

        var version = Assert.Single(crd.Versions);
        Assert.Equal("v1alpha2", (string?)version["name"]);
        var columns = version["additionalPrinterColumns"]!.AsArray()
            .Where(c => c!["priority"] is null)
            .Select(c => ((string)c!["name"]!, (string)c["jsonPath"]!, (string)c["type"]!))
            .ToList();
        Assert.Equal(
            [
                ("Type", ".spec.resourceType", "string"),
                ("Cloudflare ID", ".spec.cloudflareId", "string"),
                ("Status", ".status.syncStatus", "string"),
                ("Sources", ".status.sourceCount", "integer"),
                ("Last Sync", ".status.lastSyncTime", "date"),
                ("Age", ".metadata.creationTimestamp", "date"),
            ],
            columns);

        // Every column, wide ones included, prints a value of the right type for a typical object.
        var example = Examples.Of("CloudflareSyncState");
        foreach (var column in version["additionalPrinterColumns"]!.AsArray())
        {
            var value = Resolve(example, (string)column!["jsonPath"]!);
            Assert.True(value is JsonValue, $"column {column["name"]} prints nothing");
            var expectedKind = (string)column["type"]! switch
            {
                "integer" => System.Text.Json.JsonValueKind.Number,
                _ => System.Text.Json.JsonValueKind.String,
            };
            Assert.Equal(expectedKind, value!.GetValueKind());
        }

        Assert.Equal(example["spec"]!["sources"]!.AsArray().Count, (int)example["status"]!["sourceCount"]!);
    }

    private static string[] ServedVersions(JsonArray versions) =>
        [.. versions.Where(v => v!["served"]!.GetValue<bool>()).Select(v => (string)v!["name"]!).Order(StringComparer.Ordinal)];

    private static string StorageVersion(JsonArray versions) =>
        versions.Where(v => v!["storage"]!.GetValue<bool>()).Select(v => (string)v!["name"]!).Single();

    /// <summary>The simple JSONPath subset printer columns use: .a.b[0].c (metadata.creationTimestamp is server-set).</summary>
    private static JsonNode? Resolve(JsonObject obj, string path)
    {
        if (path == ".metadata.creationTimestamp")
        {
            return JsonValue.Create("2025-01-01T00:00:00Z");
        }

        JsonNode? node = obj;
        foreach (var segment in path.TrimStart('.').Split('.'))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? segment : segment[..bracket];
            node = node?[name];
            if (bracket >= 0)
            {
                node = node?[int.Parse(segment[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)];
            }
        }

        return node;
    }
}
