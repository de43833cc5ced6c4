using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Translation.Models;

namespace CfSync.Crds.Tests;

/// <summary>Our C# models against the CRDs: they read the examples losslessly, and every field they read is declared.</summary>
public class ModelTests
{
    private static readonly Dictionary<string, Type> ModelOf = new(StringComparer.Ordinal)
    {
        ["Tunnel"] = typeof(Tunnel),
        ["ClusterTunnel"] = typeof(ClusterTunnel),
        ["TunnelBinding"] = typeof(TunnelBinding),
        ["DNSRecord"] = typeof(DnsRecord),
        ["AccessApplication"] = typeof(AccessApplication),
        ["NetworkRoute"] = typeof(NetworkRoute),
        ["GatewayRule"] = typeof(GatewayRule),
        ["TunnelIngressClassConfig"] = typeof(TunnelIngressClassConfig),
        ["TunnelGatewayClassConfig"] = typeof(TunnelGatewayClassConfig),
        ["VirtualNetwork"] = typeof(VirtualNetwork),
    };

    public static TheoryData<string> ModelledObjects =>
        [.. AllObjects().Select(o => o.Label)];

    public static TheoryData<string> ModelledKinds => [.. ModelOf.Keys];

    [Theory]
    [MemberData(nameof(ModelledObjects))]
    public void Models_round_trip_every_field_they_read(string label)
    {
        var original = AllObjects().Single(o => o.Label == label).Object;
        var type = ModelOf[(string)original["kind"]!];

        var model = original.Deserialize(type, ModelJson.Options)!;
        var reserialized = JsonSerializer.SerializeToNode(model, type, ModelJson.Options)!.AsObject();
        var again = JsonSerializer.SerializeToNode(reserialized.Deserialize(type, ModelJson.Options), type, ModelJson.Options)!;

        // What the model kept is exactly what the object says, and a second trip changes nothing.
        AssertSubset(WithoutNulls(reserialized)!, original, "$");
        Assert.True(JsonNode.DeepEquals(reserialized, again), "a second round trip changed the object");

        // Every field the model reads that the object sets survived (the model does not drop what it declares).
        foreach (var path in DeclaredPaths(type, "$"))
        {
            var before = At(original, path);
            if (before is not null)
            {
                Assert.True(At(reserialized, path) is not null, $"{label}: {path} was lost");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ModelledKinds))]
    public void Every_field_a_model_reads_is_declared_with_the_same_type_in_our_CRD_and_the_reference_CRD(string kind)
    {
        var ours = Crd.For(kind);
        var reference = ReferenceCrdFacts.For(kind);

        foreach (var version in ours.Versions.Select(v => (string)v["name"]!))
        {
            var ourSchema = ours.OpenApiSchema(version);
            var referenceFields = reference.Version(version).Fields;
            var fields = ReadFields(ModelOf[kind], "$").ToList();
            Assert.NotEmpty(fields);
            foreach (var (path, clrType) in fields)
            {
                var ourField = SchemaAt(ourSchema, path);
                Assert.True(ourField is not null, $"{kind} {version}: our CRD does not declare {path}");
                Assert.Equal(ExpectedSchemaType(clrType), (string?)ourField["type"]);

                // A field missing in the reference is one that only an older/newer reference version has (for
                // example enableWarpRouting in v1alpha1); where the reference declares it, the types agree.
                if (referenceFields.TryGetValue(path, out var referenceType))
                {
                    Assert.True(referenceType == (string?)ourField["type"], $"{kind} {version}: {path} is {referenceType} in the reference, {ourField["type"]} in ours");
                }
            }
        }
    }

    [Fact]
    public void The_field_walk_sees_nested_and_top_level_fields()
    {
        var binding = ReadFields(typeof(TunnelBinding), "$").Select(f => f.Path).ToList();
        Assert.Contains("$.subjects[].spec.fqdn", binding);
        Assert.Contains("$.tunnelRef.namespace", binding);
        var tunnel = ReadFields(typeof(ClusterTunnel), "$").Select(f => f.Path).ToList();
        Assert.Contains("$.spec.existingTunnel.id", tunnel);
        Assert.Contains("$.status.tunnelId", tunnel);
        Assert.Contains("$.spec.cloudflare.accountId", tunnel);
    }

    internal static IEnumerable<(string Label, JsonObject Object)> AllObjects() =>
        SchemaAcceptanceTests.Samples()
            .Concat(Examples.All.Select(o => ($"example {(string)o["kind"]!} {(string)o["apiVersion"]!}", o)))
            .Where(o => ModelOf.ContainsKey((string)o.Item2["kind"]!));

    /// <summary>JSON paths (camelCase) and CLR types of every leaf a model reads below spec/status/top level.</summary>
    private static IEnumerable<(string Path, Type Type)> ReadFields(Type type, string path)
    {
        foreach (var property in Properties(type))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (type.IsSubclassOf(typeof(KubeObject)) && name is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }

            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var element = ElementType(propertyType);
            var childPath = $"{path}.{name}";
            if (element is not null)
            {
                yield return (childPath, propertyType);
                if (IsModel(element))
                {
                    foreach (var child in ReadFields(element, childPath + "[]"))
                    {
                        yield return child;
                    }
                }
            }
            else if (IsModel(propertyType))
            {
                yield return (childPath, propertyType);
                foreach (var child in ReadFields(propertyType, childPath))
                {
                    yield return child;
                }
            }
            else
            {
                yield return (childPath, propertyType);
            }
        }
    }

    private static IEnumerable<string> DeclaredPaths(Type type, string path) =>
        ReadFields(type, path).Select(f => f.Path).Where(p => !p.Contains("[]", StringComparison.Ordinal));

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0);

    private static bool IsModel(Type type) => type.Namespace == typeof(KubeObject).Namespace && type.IsClass;

    private static Type? ElementType(Type type) =>
        type != typeof(string) && type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type.GetGenericArguments().Length == 1
            ? type.GetGenericArguments()[0]
            : null;

    private static string ExpectedSchemaType(Type type) => type switch
    {
        _ when type == typeof(string) => "string",
        _ when type == typeof(bool) || type == typeof(bool?) => "boolean",
        _ when type == typeof(int) || type == typeof(int?) || type == typeof(long) || type == typeof(long?) => "integer",
        _ when type == typeof(JsonObject) || IsModel(type) => "object",
        _ when ElementType(type) is not null => "array",
        _ => throw new NotSupportedException($"no schema type for {type}"),
    };

    /// <summary>The schema of a path such as $.spec.subjects[].spec.fqdn, or null when it is not declared.</summary>
    private static JsonObject? SchemaAt(JsonObject schema, string path)
    {
        JsonObject? node = schema;
        foreach (var segment in path[2..].Split('.'))
        {
            var isArray = segment.EndsWith("[]", StringComparison.Ordinal);
            node = node?["properties"]?[isArray ? segment[..^2] : segment] as JsonObject;
            if (isArray)
            {
                node = node?["items"] as JsonObject;
            }
        }

        return node;
    }

    private static JsonNode? At(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var segment in path[2..].Split('.'))
        {
            node = node is JsonObject obj ? obj[segment] : null;
        }

        return node;
    }

    private static JsonNode? WithoutNulls(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, WithoutNulls(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(WithoutNulls)]),
        _ => node?.DeepClone(),
    };

    private static void AssertSubset(JsonNode kept, JsonNode? original, string path)
    {
        switch (kept)
        {
            case JsonObject obj:
                var source = Assert.IsType<JsonObject>(original);
                foreach (var (key, value) in obj)
                {
                    // An empty metadata name is the model's default, not a value read.
                    if (path == "$.metadata" && value is JsonValue v && v.GetValueKind() == JsonValueKind.String && (string?)v == "" && source[key] is null)
                    {
                        continue;
                    }

                    Assert.True(source.ContainsKey(key), $"{path}.{key} was invented by the model");
                    AssertSubset(value!, source[key], $"{path}.{key}");
                }

                break;
            case JsonArray array:
                var items = Assert.IsType<JsonArray>(original);
                Assert.Equal(items.Count, array.Count);
                for (var i = 0; i < array.Count; i++)
                {
                    AssertSubset(array[i]!, items[i], $"{path}[{i}]");
                }

                break;
            default:
                if (JsonNode.DeepEquals(kept, original))
                {
                    return;
                }

                // Timestamps come back in .NET's round-trip form (+00:00 instead of Z): same instant.
                Assert.True(
                    DateTimeOffset.TryParse((string?)kept, CultureInfo.InvariantCulture, out var a)
                        && DateTimeOffset.TryParse((string?)original, CultureInfo.InvariantCulture, out var b) && a == b,
                    $"{path}: {kept.ToJsonString()} != {original?.ToJsonString()}");
                break;
        }
    }
}
