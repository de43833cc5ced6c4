using System.Text.Json.Nodes;

namespace CfSync.Kubernetes.DevCluster;

/// <summary>A failed request, rendered as a metav1.Status body with the matching HTTP code.</summary>
internal sealed class ApiStatusException : Exception
{
    public ApiStatusException(int code, string reason, string message)
        : base(message)
    {
        Code = code;
        Reason = reason;
    }

    public ApiStatusException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = 500;
        Reason = "InternalError";
    }

    public int Code { get; }

    public string Reason { get; }

    /// <summary>Status.details (name, group, kind) for errors about one object.</summary>
    private JsonObject? Details { get; init; }

    public static ApiStatusException NotFound(ApiResource resource, string name) =>
        new(404, "NotFound", $"{QualifiedName(resource)} \"{name}\" not found") { Details = DetailsOf(resource, name) };

    /// <summary>A URL that names nothing the server serves.</summary>
    public static ApiStatusException NotFoundPath() => new(404, "NotFound", "the server could not find the requested resource");

    public static ApiStatusException AlreadyExists(ApiResource resource, string name) =>
        new(409, "AlreadyExists", $"{QualifiedName(resource)} \"{name}\" already exists") { Details = DetailsOf(resource, name) };

    public static ApiStatusException Conflict(ApiResource resource, string name) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {QualifiedName(resource)} \"{name}\": the object has been modified; please apply your changes to the latest version and try again") { Details = DetailsOf(resource, name) };

    public static ApiStatusException Invalid(string message) => new(422, "Invalid", message);

    public static ApiStatusException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiStatusException Expired(string message) => new(410, "Expired", message);

    /// <summary>kube-apiserver's limit on a request body (3 MiB).</summary>
    public static ApiStatusException RequestTooLarge(long limit) => new(413, "RequestEntityTooLarge", $"Request entity too large: limit is {limit}");

    /// <summary>What the API server passes on when etcd refuses an object above its request limit (1.5 MiB).</summary>
    public static ApiStatusException ObjectTooLarge() => new(500, "InternalError", "etcdserver: request is too large");

    /// <summary>The answer of an injected fault, worded as the API server words that failure.</summary>
    public static ApiStatusException Injected(ApiFault fault, ApiPath path)
    {
        var resource = path.Name is { } name ? $"{QualifiedName(path.Resource)} \"{name}\"" : QualifiedName(path.Resource);
        var scope = path.Namespace is { } ns ? $"in the namespace \"{ns}\"" : "at the cluster scope";
        var message = fault.StatusCode == 403
            ? $"{resource} is forbidden: User \"system:serviceaccount:cfsync:cfsync\" cannot {fault.Verb} resource \"{fault.Resource}\" in API group \"{path.Resource.Group}\" {scope}"
            : $"injected fault: {fault.Verb} on {fault.Resource} answers {fault.StatusCode}";
        return new(fault.StatusCode, ReasonFor(fault.StatusCode), message);
    }

    /// <summary>The metav1.StatusReason of an HTTP code the API server answers with.</summary>
    public static string ReasonFor(int code) => code switch
    {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        409 => "Conflict",
        410 => "Expired",
        413 => "RequestEntityTooLarge",
        415 => "UnsupportedMediaType",
        422 => "Invalid",
        429 => "TooManyRequests",
        500 => "InternalError",
        503 => "ServiceUnavailable",
        504 => "Timeout",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "not a code the Kubernetes API server answers with"),
    };

    /// <summary>The Status object the API server sends for this error.</summary>
    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
            ["code"] = Code,
        };
        if (Details is not null)
        {
            status["details"] = Details.DeepClone();
        }

        return status;
    }

    private static JsonObject DetailsOf(ApiResource resource, string name) => new()
    {
        ["name"] = name,
        ["group"] = resource.Group,
        ["kind"] = resource.Plural,
    };

    private static string QualifiedName(ApiResource resource) =>
        resource.Group.Length == 0 ? resource.Plural : $"{resource.Plural}.{resource.Group}";
}
