namespace CfSync.LocalHost;

/// <summary>
/// A POST that carries a body or a content type must be JSON or YAML (415 otherwise): a web page can send
/// <c>text/plain</c> or form posts without a CORS preflight, but not these. A bodyless POST (a sync trigger) needs none.
/// </summary>
public sealed class ContentTypeCheck(RequestDelegate next)
{
    /// <summary>Media types accepted, parameters such as <c>charset</c> aside.</summary>
    public static readonly IReadOnlyList<string> Accepted = ["application/json", "application/yaml", "application/x-yaml", "text/yaml"];

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        if (!HttpMethods.IsPost(request.Method) || (!hasBody && request.ContentType is null) || IsAccepted(request.ContentType))
        {
            return next(context);
        }

        return ProblemResponse.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
            $"POST bodies must be sent as one of: {string.Join(", ", Accepted)}.");
    }

    private static bool IsAccepted(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && Accepted.Contains(media.MediaType.Value, StringComparer.OrdinalIgnoreCase);
}
