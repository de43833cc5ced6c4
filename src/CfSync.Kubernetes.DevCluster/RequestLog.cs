using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CfSync.Kubernetes.DevCluster;

/// <summary>Logs each request with what a client asked for (the Accept header decides the Table form) and the answer.</summary>
internal sealed partial class RequestLog(ILogger logger)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        await next(context);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var request = context.Request;
            var target = request.Path + request.QueryString;
            var accept = request.Headers.Accept.ToString();
            Served(logger, request.Method, target, accept, context.Response.StatusCode);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path} (Accept: {Accept}) -> {Status}")]
    private static partial void Served(ILogger logger, string method, string path, string accept, int status);
}
