using System.Net;
using CfSync.Sync.Client;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;

namespace CfSync.Functions;

/// <summary>
/// HTTP endpoints (function-level keys): read a resource's sync state, and trigger its sync.
/// <c>GET  /api/resources/{resourceType}/{cloudflareId}</c> and <c>POST /api/resources/{resourceType}/{cloudflareId}/sync[?force=true]</c>.
/// </summary>
public static class SyncStateApi
{
    [Function("GetSyncState")]
    public static async Task<HttpResponseData> GetSyncState(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "resources/{resourceType}/{cloudflareId}")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        string resourceType,
        string cloudflareId)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ResourceRoute.TryParse(resourceType, cloudflareId, out var resource, out var problem))
        {
            return await Text(request, HttpStatusCode.BadRequest, problem).ConfigureAwait(false);
        }

        var state = await new ResourceSyncClient(client).GetStateAsync(resource, request.FunctionContext.CancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return await Text(request, HttpStatusCode.NotFound, $"No source has registered anything for {resource}.").ConfigureAwait(false);
        }

        var response = request.CreateResponse(HttpStatusCode.OK);
        await response.WriteAsJsonAsync(state).ConfigureAwait(false);
        return response;
    }

    [Function("TriggerSync")]
    public static async Task<HttpResponseData> TriggerSync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "resources/{resourceType}/{cloudflareId}/sync")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        string resourceType,
        string cloudflareId)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ResourceRoute.TryParse(resourceType, cloudflareId, out var resource, out var problem))
        {
            return await Text(request, HttpStatusCode.BadRequest, problem).ConfigureAwait(false);
        }

        var force = string.Equals(System.Web.HttpUtility.ParseQueryString(request.Url.Query)["force"], "true", StringComparison.OrdinalIgnoreCase);
        await new ResourceSyncClient(client).TriggerSyncAsync(resource, force, request.FunctionContext.CancellationToken).ConfigureAwait(false);
        return request.CreateResponse(HttpStatusCode.Accepted);
    }

    private static async Task<HttpResponseData> Text(HttpRequestData request, HttpStatusCode status, string message)
    {
        var response = request.CreateResponse(status);
        await response.WriteStringAsync(message).ConfigureAwait(false);
        return response;
    }
}
