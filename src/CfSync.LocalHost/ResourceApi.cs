using CfSync.Sync.Client;
using Microsoft.DurableTask.Client;

namespace CfSync.LocalHost;

/// <summary>
/// The resource endpoints (<see cref="ResourceEndpoints"/>, as the Functions app serves them). Kubernetes objects do
/// not come in here: the change queue listener is the local host's only intake (<see cref="ChangeQueueListener"/>).
/// </summary>
public static class ResourceApi
{
    public static void MapResourceApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/resources/{resourceType}/{cloudflareId}", async (string resourceType, string cloudflareId, DurableTaskClient client, CancellationToken cancellationToken) =>
            Write(await new ResourceEndpoints(client).GetStateAsync(resourceType, cloudflareId, cancellationToken).ConfigureAwait(false)));

        routes.MapPost("/api/resources/{resourceType}/{cloudflareId}/sync", async (string resourceType, string cloudflareId, string? force, DurableTaskClient client, CancellationToken cancellationToken) =>
            Write(await new ResourceEndpoints(client).TriggerSyncAsync(resourceType, cloudflareId, force, cancellationToken).ConfigureAwait(false)));
    }

    /// <summary>The answer as <see cref="ResourceEndpoints"/> gave it, as the Functions app writes it too.</summary>
    private static IResult Write(EndpointAnswer answer) =>
        answer.Body is null ? Results.StatusCode(answer.Status) : Results.Text(answer.Body, answer.ContentType, System.Text.Encoding.UTF8, answer.Status);
}
