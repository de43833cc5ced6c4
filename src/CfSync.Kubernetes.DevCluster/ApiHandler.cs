using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CfSync.Kubernetes.DevCluster;

/// <summary>Dispatches one API request to the store and writes the JSON answer or a Status error.</summary>
internal sealed class ApiHandler(ObjectStore store, ApiResourceTable resources, InjectedFaults faults, RequestRecord record, WatchResponder watches, Discovery discovery, TableForm tables)
{
    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            var segments = (context.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (context.Request.Method == "GET" && discovery.Find(segments, context.Request.Host.Value ?? "") is { } document)
            {
                await WriteAsync(context, 200, document);
                return;
            }

            var path = ApiPath.Parse(context.Request.Path.Value ?? "", resources)
                ?? throw ApiStatusException.NotFoundPath();
            var request = ApiRequest.Of(Verb(context.Request, path), path);

            // Recorded before a fault answers it: the client made the request either way.
            record.Add(context.Request, request);
            if (faults.Find(request) is { } fault)
            {
                throw ApiStatusException.Injected(fault, path);
            }

            await DispatchAsync(context, path);
        }
        catch (ApiStatusException error)
        {
            if (error.Code == 429)
            {
                // API Priority and Fairness sends a Retry-After with every 429.
                context.Response.Headers.RetryAfter = "1";
            }

            await WriteAsync(context, error.Code, error.ToStatus());
        }
        catch (Exception error) when (error is not OperationCanceledException && !context.Response.HasStarted)
        {
            // A server bug must still answer with a Status, so that the failing test shows why.
            await WriteAsync(context, 500, new ApiStatusException(error.Message, error).ToStatus());
        }
    }

    private async Task DispatchAsync(HttpContext context, ApiPath path)
    {
        var request = context.Request;
        var resource = path.Resource;
        var @namespace = path.Namespace ?? "";
        var statusOnly = path.Subresource == "status";
        if (resource.DeprecatedVersions.TryGetValue(path.Version, out var deprecation))
        {
            // As kube-apiserver warns on a deprecated version; kubectl prints "Warning: ..." on stderr.
            context.Response.Headers.Append("Warning", $"299 - \"{deprecation}\"");
        }

        if (statusOnly && !resource.HasStatusSubresource)
        {
            throw ApiStatusException.NotFoundPath();
        }

        switch (request.Method, path.Name)
        {
            case ("GET", null) when IsWatch(request):
                await watches.WatchAsync(context, path, ListQuery.From(resource, path.Namespace, p => request.Query[p]));
                break;
            case ("GET", null):
                var page = store.List(resource, ListQuery.From(resource, path.Namespace, p => request.Query[p]));
                await WriteAsync(context, 200, TableForm.IsRequested(request)
                    ? tables.Build(path, page.Items, ListMetadata(page), request.Query["includeObject"])
                    : ListBody(path, page));
                break;
            case ("GET", { } name):
                var one = store.Get(resource, @namespace, name);
                await WriteAsync(context, 200, TableForm.IsRequested(request)
                    ? tables.Build(path, [one], new JsonObject { ["resourceVersion"] = ObjectMeta.ResourceVersion(one) }, request.Query["includeObject"])
                    : Versioned(path, one));
                break;
            case ("POST", null) when path.Namespace is not null || !resource.Namespaced:
                var created = store.Create(resource, path.Version, @namespace, await ReadObjectAsync(request));
                await WriteAsync(context, 201, Versioned(path, created));
                break;
            case ("PUT", { } name):
                var updated = store.Update(resource, @namespace, name, await ReadObjectAsync(request), statusOnly);
                await WriteAsync(context, 200, Versioned(path, updated));
                break;
            case ("PATCH", { } name):
                var patch = await ReadAsync(request);
                var patcher = Patcher(resource, request.ContentType, patch);
                await WriteAsync(context, 200, Versioned(path, store.Patch(resource, @namespace, name, patcher, statusOnly)));
                break;
            case ("DELETE", { } name):
                var options = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0 ? await ReadAsync(request) : null;
                var preconditions = options?["preconditions"];
                var (obj, deleted) = store.Delete(resource, @namespace, name, new Preconditions((string?)preconditions?["uid"], (string?)preconditions?["resourceVersion"]));

                // 200 when the object is gone, 202 Accepted while finalizers hold it.
                await WriteAsync(context, deleted ? 200 : 202, Versioned(path, obj));
                break;
            default:
                throw new ApiStatusException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        }
    }

    private static bool IsWatch(HttpRequest request) => request.Query["watch"] is ["true"] or ["1"];

    /// <summary>The request's verb as RBAC names it.</summary>
    private static string Verb(HttpRequest request, ApiPath path) => (request.Method, path.Name) switch
    {
        ("GET", null) => IsWatch(request) ? "watch" : "list",
        ("GET", _) => "get",
        ("POST", _) => "create",
        ("PUT", _) => "update",
        ("PATCH", _) => "patch",
        ("DELETE", _) => "delete",
        _ => request.Method.ToLowerInvariant(),
    };

    private static Func<JsonObject, JsonNode> Patcher(ApiResource resource, string? contentType, JsonNode? patch)
    {
        var mediaType = contentType?.Split(';')[0].Trim();
        return mediaType switch
        {
            "application/strategic-merge-patch+json" when resource.StrategicMerge is { } strategies => current => StrategicMergePatch.Apply(current, patch, strategies),
            "application/merge-patch+json" => current => MergePatch.Apply(current, patch) ?? throw ApiStatusException.BadRequest("the patch removed the object"),
            "application/json-patch+json" when patch is JsonArray operations => current => JsonPatch.Apply(current, operations),
            "application/json-patch+json" => throw ApiStatusException.BadRequest("a json patch must be an array of operations"),
            _ => throw new ApiStatusException(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json{(resource.StrategicMerge is null ? "" : ", application/strategic-merge-patch+json")} (not {mediaType})"),
        };
    }

    private static JsonObject ListMetadata(ListPage page)
    {
        var metadata = new JsonObject { ["resourceVersion"] = page.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (page.ContinueAfter is { } after)
        {
            metadata["continue"] = ListQuery.EncodeContinue(after);
        }

        return metadata;
    }

    private static JsonObject ListBody(ApiPath path, ListPage page) => new()
    {
        ["apiVersion"] = path.ApiVersion,
        ["kind"] = $"{path.Resource.Kind}List",
        ["metadata"] = ListMetadata(page),
        ["items"] = new JsonArray([.. page.Items.Select(item => Versioned(path, item))]),
    };

    /// <summary>Objects are shown in the version the client asked for (storage is version-less).</summary>
    public static JsonObject Versioned(ApiPath path, JsonObject obj)
    {
        obj["apiVersion"] = path.ApiVersion;
        return obj;
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpRequest request) =>
        await ReadAsync(request) as JsonObject ?? throw ApiStatusException.BadRequest("the request body must be a JSON object");

    private static async Task<JsonNode?> ReadAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException e)
        {
            throw ApiStatusException.BadRequest($"the request body is not valid JSON: {e.Message}");
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw ApiStatusException.RequestTooLarge(request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0);
        }
    }

    public static async Task WriteAsync(HttpContext context, int code, JsonObject body)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
