using Microsoft.AspNetCore.Mvc;

namespace CfSync.LocalHost;

/// <summary>Writes an RFC 9457 <c>application/problem+json</c> answer from middleware, through the framework's writer.</summary>
internal static class ProblemResponse
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).ConfigureAwait(false);
    }
}
