using System.Text.Json;
using System.Text.Json.Nodes;

namespace CfSync.Crds.Tests;

/// <summary>
/// Rules the API server applies to a CRD before it accepts it (structural schemas, defaults, list maps, printer
/// columns); checked here because no API server runs in these tests.
/// </summary>
public class StructuralSchemaTests
{
    public static TheoryData<string> Kinds => [.. Crd.All.Select(c => c.Kind)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_schema_node_has_a_type_and_defaults_fit_their_schema(string kind)
    {
        var problems = new List<string>();
        foreach (var version in Crd.For(kind).Versions)
        {
            var root = version["schema"]!["openAPIV3Schema"]!.AsObject();
            Walk(root, $"{version["name"]}", problems);

            // Root metadata may only be constrained in name/generateName; ours is left to the API server.
            Assert.Null(root["properties"]!["metadata"]!["properties"]);
        }

        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Printer_columns_point_at_declared_fields_of_the_right_type(string kind)
    {
        foreach (var version in Crd.For(kind).Versions)
        {
            var root = version["schema"]!["openAPIV3Schema"]!.AsObject();
            foreach (var column in version["additionalPrinterColumns"]?.AsArray() ?? [])
            {
                var path = (string)column!["jsonPath"]!;
                var type = (string)column["type"]!;
                if (path == ".metadata.creationTimestamp")
                {
                    Assert.Equal("date", type);
                    continue;
                }

                JsonObject? node = root;
                foreach (var segment in path.TrimStart('.').Split('.'))
                {
                    var bracket = segment.IndexOf('[', StringComparison.Ordinal);
                    node = node?["properties"]?[bracket < 0 ? segment : segment[..bracket]] as JsonObject;
                    if (bracket >= 0)
                    {
                        node = node?["items"] as JsonObject;
                    }
                }

                Assert.True(node is not null, $"{kind} {version["name"]}: column {column["name"]} points at {path}, which the schema does not declare");
                var schemaType = (string?)node["type"];
                var fits = type switch
                {
                    "date" => schemaType == "string" && (string?)node["format"] == "date-time",
                    "integer" => schemaType == "integer",
                    "boolean" => schemaType == "boolean",
                    "number" => schemaType is "number" or "integer",
                    _ => schemaType == "string",
                };
                Assert.True(fits, $"{kind}: column {column["name"]} is {type} but {path} is {schemaType}");
            }
        }
    }

    private static void Walk(JsonObject schema, string path, List<string> problems)
    {
        var type = (string?)schema["type"];
        if (type is null && schema["x-kubernetes-int-or-string"] is null)
        {
            problems.Add($"{path}: no type");
        }

        if (schema["default"] is { } value && !Fits(value, schema))
        {
            problems.Add($"{path}: default {value.ToJsonString()} does not fit {type}");
        }

        if ((string?)schema["x-kubernetes-list-type"] == "map")
        {
            var required = schema["items"]?["required"]?.AsArray().Select(r => (string)r!).ToHashSet(StringComparer.Ordinal) ?? [];
            foreach (var key in schema["x-kubernetes-list-map-keys"]!.AsArray().Select(k => (string)k!))
            {
                if (!required.Contains(key) && schema["items"]?["properties"]?[key]?["default"] is null)
                {
                    problems.Add($"{path}: list-map key {key} is neither required nor defaulted");
                }
            }
        }

        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
        {
            Walk(property!.AsObject(), $"{path}.{name}", problems);
        }

        foreach (var name in schema["required"]?.AsArray().Select(r => (string)r!) ?? [])
        {
            if (schema["properties"]?[name] is null)
            {
                problems.Add($"{path}: requires {name}, which it does not declare");
            }
        }

        if (schema["items"] is JsonObject items)
        {
            Walk(items, path + "[]", problems);
        }
        else if (type == "array")
        {
            problems.Add($"{path}: array without items");
        }

        if (schema["additionalProperties"] is JsonObject additional)
        {
            Walk(additional, path + "{}", problems);
        }
    }

    private static bool Fits(JsonNode value, JsonObject schema)
    {
        var kind = value.GetValueKind();
        var typeFits = (string?)schema["type"] switch
        {
            "string" => kind == JsonValueKind.String,
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            "integer" => kind == JsonValueKind.Number && value.GetValue<decimal>() % 1 == 0,
            "number" => kind == JsonValueKind.Number,
            "object" => kind == JsonValueKind.Object,
            "array" => kind == JsonValueKind.Array,
            _ => false,
        };
        return typeFits && (schema["enum"] is not JsonArray values || values.Any(v => JsonNode.DeepEquals(v, value)));
    }
}
