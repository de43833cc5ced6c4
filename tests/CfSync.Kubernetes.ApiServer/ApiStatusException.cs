using System.Text.Json.Nodes;

namespace CfSync.Kubernetes.ApiServer;

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

    public static ApiStatusException AlreadyExists(ApiResource resource, string name) =>
        new(409, "AlreadyExists", $"{QualifiedName(resource)} \"{name}\" already exists") { Details = DetailsOf(resource, name) };

    public static ApiStatusException Conflict(ApiResource resource, string name) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {QualifiedName(resource)} \"{name}\": the object has been modified; please apply your changes to the latest version and try again") { Details = DetailsOf(resource, name) };

    public static ApiStatusException Invalid(string message) => new(422, "Invalid", message);

    public static ApiStatusException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiStatusException Expired(string message) => new(410, "Expired", message);

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
