using System.Net;
using CfSync.Sync.Client;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;

namespace CfSync.Functions;

/// <summary>
/// HTTP endpoints (function-level keys) over <see cref="ResourceEndpoints"/>, whose answer is written as it is (the local
/// host writes the same): <c>GET /api/resources/{resourceType}/{cloudflareId}</c> and
/// <c>POST /api/resources/{resourceType}/{cloudflareId}/sync[?force=true]</c>.
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
        var answer = await new ResourceEndpoints(client).GetStateAsync(resourceType, cloudflareId, request.FunctionContext.CancellationToken).ConfigureAwait(false);
        return await WriteAsync(request, answer).ConfigureAwait(false);
    }

    [Function("TriggerSync")]
    public static async Task<HttpResponseData> TriggerSync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "resources/{resourceType}/{cloudflareId}/sync")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        string resourceType,
        string cloudflareId)
    {
        ArgumentNullException.ThrowIfNull(request);
        var force = System.Web.HttpUtility.ParseQueryString(request.Url.Query)["force"];
        var answer = await new ResourceEndpoints(client).TriggerSyncAsync(resourceType, cloudflareId, force, request.FunctionContext.CancellationToken).ConfigureAwait(false);
        return await WriteAsync(request, answer).ConfigureAwait(false);
    }

    private static async Task<HttpResponseData> WriteAsync(HttpRequestData request, EndpointAnswer answer)
    {
        var response = request.CreateResponse((HttpStatusCode)answer.Status);
        if (answer.Body is not null)
        {
            response.Headers.Add("Content-Type", $"{answer.ContentType}; charset=utf-8");
            await response.WriteStringAsync(answer.Body).ConfigureAwait(false);
        }

        return response;
    }
}
