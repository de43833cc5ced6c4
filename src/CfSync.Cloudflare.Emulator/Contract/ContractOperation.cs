using Json.Schema;

namespace CfSync.Cloudflare.Emulator.Contract;

/// <summary>One operation of the subset: its path template, request body schema, responses and query parameters.</summary>
public sealed class ContractOperation
{
    internal ContractOperation(
        string method,
        string pathTemplate,
        string operationId,
        JsonSchema? requestSchema,
        bool requestBodyRequired,
        IReadOnlyDictionary<string, JsonSchema> responseSchemas,
        IReadOnlyDictionary<string, (JsonSchema Schema, string? Type)> queryParameters)
    {
        Method = method;
        PathTemplate = pathTemplate;
        OperationId = operationId;
        RequestSchema = requestSchema;
        RequestBodyRequired = requestBodyRequired;
        ResponseSchemas = responseSchemas;
        QueryParameters = queryParameters;
        segments = pathTemplate.Split('/', StringSplitOptions.RemoveEmptyEntries);
    }

    private readonly string[] segments;

    public string Method { get; }

    public string PathTemplate { get; }

    public string OperationId { get; }

    public bool RequestBodyRequired { get; }

    /// <summary>Response status keys as the subset spells them ("200", "4XX").</summary>
    public IEnumerable<string> ResponseStatuses => ResponseSchemas.Keys;

    internal JsonSchema? RequestSchema { get; }

    internal IReadOnlyDictionary<string, JsonSchema> ResponseSchemas { get; }

    internal IReadOnlyDictionary<string, (JsonSchema Schema, string? Type)> QueryParameters { get; }

    internal int ParameterCount => segments.Count(s => s.StartsWith('{'));

    /// <summary>Matches a concrete path (relative to /client/v4) and returns the path parameters.</summary>
    public IReadOnlyDictionary<string, string>? Match(string path)
    {
        var actual = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (actual.Length != segments.Length)
        {
            return null;
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].StartsWith('{'))
            {
                parameters[segments[i][1..^1]] = Uri.UnescapeDataString(actual[i]);
            }
            else if (!string.Equals(segments[i], actual[i], StringComparison.Ordinal))
            {
                return null;
            }
        }

        return parameters;
    }

    internal JsonSchema? ResponseSchemaFor(int status)
    {
        var exact = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (ResponseSchemas.TryGetValue(exact, out var schema))
        {
            return schema;
        }

        return ResponseSchemas.TryGetValue($"{exact[0]}XX", out var range) ? range : null;
    }
}
