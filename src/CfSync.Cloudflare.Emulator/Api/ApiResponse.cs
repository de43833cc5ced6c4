using System.Text.Json.Nodes;

namespace CfSync.Cloudflare.Emulator.Api;

/// <summary>What a handler answers: status, envelope and optional retry-after.</summary>
internal sealed record ApiResponse(int Status, JsonObject Body, int? RetryAfterSeconds = null)
{
    public static ApiResponse Ok(JsonNode? result, int status = 200, JsonObject? resultInfo = null)
    {
        var body = new JsonObject { ["success"] = true, ["errors"] = new JsonArray(), ["messages"] = new JsonArray(), ["result"] = result };
        if (resultInfo is not null)
        {
            body["result_info"] = resultInfo;
        }

        return new ApiResponse(status, body);
    }

    public static ApiResponse Error(int status, params (int Code, string Message)[] errors) =>
        new(status, Failure(errors.Select(e => new JsonObject { ["code"] = e.Code, ["message"] = e.Message })));

    public static JsonObject Failure(IEnumerable<JsonObject> errors) => new()
    {
        ["success"] = false,
        ["errors"] = new JsonArray([.. errors]),
        ["messages"] = new JsonArray(),
        ["result"] = null,
    };

    /// <summary>Page the list as Cloudflare does: result_info with page, per_page, count, total_count, total_pages.</summary>
    public static ApiResponse Page(IReadOnlyList<JsonObject> items, int page, int perPage)
    {
        var slice = items.Skip((page - 1) * perPage).Take(perPage).Select(i => (JsonNode)i.DeepClone()).ToArray();
        return Ok(new JsonArray(slice), resultInfo: new JsonObject
        {
            ["page"] = page,
            ["per_page"] = perPage,
            ["count"] = slice.Length,
            ["total_count"] = items.Count,
            ["total_pages"] = (int)Math.Ceiling(items.Count / (double)perPage),
        });
    }

    public static ApiResponse List(IEnumerable<JsonObject> items) => Ok(new JsonArray([.. items.Select(i => (JsonNode)i.DeepClone())]));
}

/// <summary>A request that passed auth, budget, routing and contract validation.</summary>
internal sealed record ApiRequest(
    string OperationId,
    IReadOnlyDictionary<string, string> Route,
    IReadOnlyDictionary<string, string> Query,
    JsonNode? Body)
{
    public string this[string routeParameter] => Route[routeParameter];

    public string? Q(string name) => Query.TryGetValue(name, out var value) ? value : null;

    public bool? QBool(string name) => Q(name) is { } v ? bool.Parse(v) : null;

    public int QInt(string name, int fallback) => Q(name) is { } v ? (int)double.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    public JsonObject BodyObject => Body as JsonObject ?? [];
}
