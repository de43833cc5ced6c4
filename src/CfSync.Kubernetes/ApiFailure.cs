using System.Net;
using System.Text.Json;
using k8s.Autorest;

namespace CfSync.Kubernetes;

/// <summary>What a failed write to the API server means for the mirror.</summary>
internal enum ApiFailureKind
{
    /// <summary>The server refused this request for good (403, 404, 422, ...): retrying the same write cannot help.</summary>
    Refused,

    /// <summary>This write failed for now (409 after retries, 500, 504, ...): retry the mirror later, go on with the others.</summary>
    Transient,

    /// <summary>The server cannot serve us at all for now (unreachable, timeout, 401, 429, 502, 503): retry later, stop.</summary>
    Unavailable,
}

/// <summary>
/// A failed write, classified. <see cref="Detail"/> comes from the API server's Status (reason and a bounded message)
/// or the connection error; neither carries the request, so never the bearer token.
/// </summary>
internal sealed record ApiFailure(ApiFailureKind Kind, int? StatusCode, string Detail)
{
    private const int MaxDetailLength = 300;

    /// <summary>The classification of <paramref name="error"/>, or null when it is not a failure of the API call (a bug: let it fly).</summary>
    public static ApiFailure? Of(Exception error, CancellationToken cancellationToken) => error switch
    {
        HttpOperationException { Response: { } response } => new(KindOf(response.StatusCode), (int)response.StatusCode, StatusDetail(response)),
        HttpRequestException unreachable => new(ApiFailureKind.Unavailable, null, ApiText.Bounded($"unreachable: {unreachable.Message}", MaxDetailLength)),
        OperationCanceledException when !cancellationToken.IsCancellationRequested => new(ApiFailureKind.Unavailable, null, "timed out"),
        _ => null,
    };

    private static ApiFailureKind KindOf(HttpStatusCode code) => code switch
    {
        HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed
            or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnsupportedMediaType or HttpStatusCode.UnprocessableEntity => ApiFailureKind.Refused,
        HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable => ApiFailureKind.Unavailable,
        _ => ApiFailureKind.Transient,
    };

    // The body of an error is a metav1.Status; anything else (a proxy's HTML page) is not echoed.
    private static string StatusDetail(HttpResponseMessageWrapper response)
    {
        try
        {
            using var status = JsonDocument.Parse(response.Content ?? "");
            var root = status.RootElement;
            var reason = root.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return ApiText.Bounded($"{reason ?? response.StatusCode.ToString()}: {message}", MaxDetailLength);
        }
        catch (JsonException)
        {
            return response.StatusCode.ToString();
        }
    }
}
