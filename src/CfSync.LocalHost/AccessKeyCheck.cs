namespace CfSync.LocalHost;

/// <summary>
/// Every call carries the local access key, where the Functions host looks for a function key: the
/// <c>x-functions-key</c> header, else the <c>code</c> query parameter. Otherwise 401.
/// </summary>
public sealed class AccessKeyCheck(RequestDelegate next, LocalAccessKey key)
{
    public const string HeaderName = "x-functions-key";
    public const string QueryName = "code";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var presented = context.Request.Headers.TryGetValue(HeaderName, out var header) ? header.ToString() : context.Request.Query[QueryName].ToString();
        return key.Matches(presented)
            ? next(context)
            : ProblemResponse.WriteAsync(context, StatusCodes.Status401Unauthorized, "Access key required",
                $"Send the local access key in the {HeaderName} header or the {QueryName} query parameter (run-local.sh prints it).");
    }
}
