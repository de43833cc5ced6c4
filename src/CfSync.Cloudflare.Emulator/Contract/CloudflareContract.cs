using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace CfSync.Cloudflare.Emulator.Contract;

/// <summary>
/// The Cloudflare API subset (Contract/cloudflare-subset.schemas.json, embedded in this assembly) as one validator
/// shared by the emulator (it rejects what Cloudflare would reject) and the tests (the client only sends what it accepts).
/// </summary>
public sealed class CloudflareContract
{
    /// <summary>Logical name of the embedded subset (set in the project file).</summary>
    private const string ResourceName = "CfSync.Cloudflare.Emulator.Contract.cloudflare-subset.schemas.json";

    private static readonly Lazy<CloudflareContract> SharedInstance = new(LoadEmbedded);

    private static readonly EvaluationOptions Evaluation = new()
    {
        OutputFormat = OutputFormat.List,
        RequireFormatValidation = true,
    };

    private readonly IReadOnlyList<ContractOperation> operations;

    private CloudflareContract(IReadOnlyList<ContractOperation> operations) => this.operations = operations;

    /// <summary>The contract parsed once per process from the embedded subset.</summary>
    public static CloudflareContract Shared => SharedInstance.Value;

    public IReadOnlyList<ContractOperation> Operations => operations;

    private static CloudflareContract LoadEmbedded()
    {
        using var stream = typeof(CloudflareContract).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The assembly has no embedded resource '{ResourceName}'.");
        var document = JsonNode.Parse(stream)?.AsObject()
            ?? throw new InvalidDataException($"The embedded resource '{ResourceName}' is not a JSON object.");
        return Load(document);
    }

    private static CloudflareContract Load(JsonObject document)
    {
        // A private registry: the subset's schema ids never collide with schemas elsewhere in the process.
        var build = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var componentsUri = new Uri("https://cfsync.invalid/cloudflare-subset/components");
        var defs = OpenApiSchemaConverter.Convert(document["components"]?["schemas"], componentsUri)!;
        var components = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = componentsUri.ToString(),
            ["$defs"] = defs,
        };
        JsonSchema.Build(JsonSerializer.SerializeToElement(components), build, componentsUri);

        var result = new List<ContractOperation>();
        var index = 0;
        foreach (var (template, pathItem) in document["paths"]!.AsObject())
        {
            foreach (var (method, operationNode) in pathItem!.AsObject())
            {
                if (operationNode is not JsonObject operation || method == "parameters")
                {
                    continue;
                }

                JsonSchema? BuildSchema(JsonNode? schema, string name) => schema is null
                    ? null
                    : JsonSchema.Build(
                        JsonSerializer.SerializeToElement(OpenApiSchemaConverter.Convert(schema, componentsUri)),
                        build,
                        new Uri($"https://cfsync.invalid/cloudflare-subset/op{index}/{name}"));

                var body = operation["requestBody"];
                var requestSchema = BuildSchema(body?["content"]?["application/json"]?["schema"], "request");
                var responses = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
                foreach (var (status, response) in operation["responses"]!.AsObject())
                {
                    if (BuildSchema(response?["content"]?["application/json"]?["schema"], $"response{status}") is { } schema)
                    {
                        responses[status] = schema;
                    }
                }

                var query = new Dictionary<string, (JsonSchema, string?)>(StringComparer.Ordinal);
                foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
                {
                    var resolved = parameter!["$ref"] is { } reference
                        ? document["components"]!["parameters"]![reference.GetValue<string>().Split('/')[^1]]
                        : parameter;
                    if (resolved?["in"]?.GetValue<string>() == "query" && resolved["schema"] is { } parameterSchema)
                    {
                        var name = resolved["name"]!.GetValue<string>();
                        query[name] = (BuildSchema(parameterSchema, "query-" + name)!, DeclaredType(document, parameterSchema));
                    }
                }

                result.Add(new ContractOperation(
                    method.ToUpperInvariant(),
                    template,
                    operation["operationId"]?.GetValue<string>() ?? $"{method} {template}",
                    requestSchema,
                    body?["required"]?.GetValue<bool>() == true,
                    responses,
                    query));
                index++;
            }
        }

        return new CloudflareContract(result);
    }

    private static string? DeclaredType(JsonObject document, JsonNode schema)
    {
        // Query values arrive as strings; the declared type (through component refs) says how to read them.
        for (var current = schema; current is not null;)
        {
            if (current["type"] is JsonValue type)
            {
                return type.GetValue<string>();
            }

            current = current["$ref"] is JsonValue reference
                ? document["components"]!["schemas"]![reference.GetValue<string>().Split('/')[^1]]
                : null;
        }

        return null;
    }

    /// <summary>The operation for a method and concrete path (relative to /client/v4); literal segments win over parameters.</summary>
    public (ContractOperation Operation, IReadOnlyDictionary<string, string> PathParameters)? FindOperation(string method, string path)
    {
        foreach (var operation in operations.Where(o => o.Method == method).OrderBy(o => o.ParameterCount))
        {
            if (operation.Match(path) is { } parameters)
            {
                return (operation, parameters);
            }
        }

        return null;
    }

    /// <summary>Violations of the request body schema; empty when the body is acceptable.</summary>
    public IReadOnlyList<string> ValidateRequestBody(ContractOperation operation, JsonNode? body)
    {
        if (operation.RequestSchema is null)
        {
            return [];
        }

        return body is null ? ["request body is required"] : Evaluate(operation.RequestSchema, body);
    }

    /// <summary>Convenience for tests: validates a request body sent to method + path.</summary>
    public IReadOnlyList<string> ValidateRequestBody(string method, string path, JsonNode? body) =>
        FindOperation(method, path) is { } found
            ? ValidateRequestBody(found.Operation, body)
            : [$"no operation {method} {path} in the subset"];

    /// <summary>Violations of the query parameters the operation declares (unknown parameters are ignored).</summary>
    public IReadOnlyList<string> ValidateQuery(ContractOperation operation, IEnumerable<KeyValuePair<string, string>> query)
    {
        var errors = new List<string>();
        foreach (var (name, raw) in query)
        {
            if (!operation.QueryParameters.TryGetValue(name, out var parameter))
            {
                continue;
            }

            JsonNode? value = parameter.Type switch
            {
                "number" or "integer" when double.TryParse(raw, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
                "boolean" when bool.TryParse(raw, out var flag) => JsonValue.Create(flag),
                "number" or "integer" or "boolean" => null,
                _ => JsonValue.Create(raw),
            };
            errors.AddRange(value is null
                ? [$"query parameter '{name}': '{raw}' is not a {parameter.Type}"]
                : Evaluate(parameter.Schema, value).Select(e => $"query parameter '{name}': {e}"));
        }

        return errors;
    }

    /// <summary>Violations of the response schema declared for the status (exact or range key).</summary>
    public IReadOnlyList<string> ValidateResponse(string method, string path, int status, JsonNode? body)
    {
        if (FindOperation(method, path) is not { } found)
        {
            return [$"no operation {method} {path} in the subset"];
        }

        return found.Operation.ResponseSchemaFor(status) is { } schema
            ? Evaluate(schema, body)
            : [$"{found.Operation.OperationId} declares no response for status {status}"];
    }

    private static List<string> Evaluate(JsonSchema schema, JsonNode? instance)
    {
        var results = schema.Evaluate(JsonSerializer.SerializeToElement(instance), Evaluation);
        if (results.IsValid)
        {
            return [];
        }

        return [.. (results.Details ?? [])
            .Where(d => !d.IsValid && d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
            .Distinct()
            .DefaultIfEmpty("does not match the schema")];
    }
}
