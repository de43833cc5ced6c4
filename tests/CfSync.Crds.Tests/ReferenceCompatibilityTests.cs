using System.Text.Json.Nodes;

namespace CfSync.Crds.Tests;

/// <summary>
/// Objects users already have (written against the Go operator's CRDs) keep every field under our CRDs: each
/// field the reference declares is declared by ours with the same type, or sits inside a sub-object that
/// preserves unknown fields, so the API server never prunes it. The reference is the facts table
/// (reference-crd-facts.json), not the CRD files themselves.
/// </summary>
public class ReferenceCompatibilityTests
{
    /// <summary>
    /// CloudflareSyncState is internal and rewritten by CfSync. The Go operator's credentialsRef, retry bookkeeping
    /// and resultData (which carried tunnel tokens) are deliberately not part of ours.
    /// </summary>
    private static readonly HashSet<string> DeliberatelyDropped = new(StringComparer.Ordinal)
    {
        "CloudflareSyncState v1alpha2 $.spec.credentialsRef",
        "CloudflareSyncState v1alpha2 $.status.configVersion",
        "CloudflareSyncState v1alpha2 $.status.error",
        "CloudflareSyncState v1alpha2 $.status.errorCategory",
        "CloudflareSyncState v1alpha2 $.status.failedAt",
        "CloudflareSyncState v1alpha2 $.status.failureReason",
        "CloudflareSyncState v1alpha2 $.status.maxRetries",
        "CloudflareSyncState v1alpha2 $.status.resultData",
        "CloudflareSyncState v1alpha2 $.status.retryCount",
    };

    public static TheoryData<string> Kinds => [.. Crd.All.Select(c => c.Kind)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_reference_field_is_kept_by_our_CRD(string kind)
    {
        var ours = Crd.For(kind);
        var lost = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var version in ReferenceCrdFacts.For(kind).Versions)
        {
            var ourSchema = ours.OpenApiSchema(version.Name);
            foreach (var (path, type) in version.Fields)
            {
                if (Lost(ourSchema, path, type) is { } problem)
                {
                    lost.Add($"{kind} {version.Name} {problem}");
                }
            }
        }

        var unexpected = lost.Where(p => !DeliberatelyDropped.Contains(p)).ToList();
        Assert.True(unexpected.Count == 0, "pruned: " + string.Join(", ", unexpected));
    }

    [Fact]
    public void A_dropped_or_retyped_reference_field_is_reported()
    {
        var schema = JsonNode.Parse("""
            {"type":"object","properties":{
              "spec":{"type":"object","properties":{"name":{"type":"string"},"ports":{"type":"array","items":{"type":"integer"}}}},
              "labels":{"type":"object","additionalProperties":{"type":"string"}},
              "status":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}
            """)!.AsObject();

        Assert.Null(Lost(schema, "$.spec.name", "string"));
        Assert.Null(Lost(schema, "$.labels{}", "string"));
        Assert.Null(Lost(schema, "$.status.anything.below", "object"));
        Assert.Equal("$.spec.ref", Lost(schema, "$.spec.ref.name", "string"));
        Assert.Equal("$.spec.name (type integer in the reference, string in ours)", Lost(schema, "$.spec.name", "integer"));
        Assert.Equal("$.spec.ports[] (type string in the reference, integer in ours)", Lost(schema, "$.spec.ports[]", "string"));
        Assert.Equal("$.spec.name[]", Lost(schema, "$.spec.name[]", "string"));
        Assert.Equal("$.spec{}", Lost(schema, "$.spec{}", "string"));
    }

    /// <summary>
    /// Where our schema loses a reference field (the shortest lost path, so a dropped object is reported once), or
    /// null when the API server keeps it: declared with the same type, or below a node that preserves unknown fields.
    /// </summary>
    private static string? Lost(JsonObject ours, string path, string? type)
    {
        var node = ours;
        var at = "$";
        foreach (var segment in Segments(path))
        {
            var preserves = node["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true;
            if (preserves && node["properties"] is null)
            {
                return null;
            }

            at += segment;
            var next = segment switch
            {
                "[]" => node["items"],
                "{}" => node["additionalProperties"],
                _ => node["properties"]?[segment[1..]],
            };
            switch (next)
            {
                case JsonObject child:
                    node = child;
                    break;
                case JsonValue allowed when allowed.GetValue<bool>() && segment == "{}":
                    return null;
                case null when preserves && segment != "[]":
                    return null;
                default:
                    return at;
            }
        }

        return type == (string?)node["type"] ? null : $"{at} (type {type} in the reference, {node["type"]} in ours)";
    }

    /// <summary>$.spec.list[].map{} as .spec, .list, [], .map, {}.</summary>
    private static IEnumerable<string> Segments(string path)
    {
        var start = 1;
        for (var i = 1; i <= path.Length; i++)
        {
            if (i == path.Length || path[i] is '.' or '[' or '{')
            {
                if (i > start)
                {
                    yield return path[start..i];
                }

                start = i;
            }
        }
    }
}
