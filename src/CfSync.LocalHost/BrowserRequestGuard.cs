namespace CfSync.LocalHost;

/// <summary>
/// Refuses requests a web page made in the user's browser (403): an <c>Origin</c> that is not a loopback origin, or
/// <c>Sec-Fetch-Site</c> other than <c>none</c> (typed by the user) or <c>same-origin</c>. Tools such as curl send
/// neither header.
/// </summary>
public sealed class BrowserRequestGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Request.Headers;
        if (headers.Origin.Count > 0 && !IsLoopbackOrigin(headers.Origin.ToString()))
        {
            return Refuse(context, "Origin");
        }

        var site = headers["Sec-Fetch-Site"];
        return site.Count > 0 && site.ToString() is not ("none" or "same-origin") ? Refuse(context, "Sec-Fetch-Site") : next(context);
    }

    // An opaque origin ("null", from a sandboxed frame or a file) is not a loopback one.
    private static bool IsLoopbackOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && LoopbackHosts.Contains(uri.Host);

    private static Task Refuse(HttpContext context, string header) =>
        ProblemResponse.WriteAsync(context, StatusCodes.Status403Forbidden, "Browser request refused",
            $"The local API does not serve web pages of other sites ({header}).");
}
