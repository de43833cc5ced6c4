using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace CfSync.Functions;

/// <summary>
/// <c>GET /api/health</c>, anonymous, for Kubernetes probes: an answer means the Functions host took the request and
/// the worker process ran it, the two processes a pod needs alive. It reads nothing, so probes cost no storage calls.
/// </summary>
public static class HealthApi
{
    [Function("Health")]
    public static async Task<HttpResponseData> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequestData request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = request.CreateResponse(HttpStatusCode.OK);
        response.Headers.Add("Content-Type", "text/plain; charset=utf-8");
        await response.WriteStringAsync("ok\n").ConfigureAwait(false);
        return response;
    }
}
