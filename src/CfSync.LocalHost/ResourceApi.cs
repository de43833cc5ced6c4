using CfSync.Sync.Client;
using Microsoft.DurableTask.Client;

namespace CfSync.LocalHost;

/// <summary>The same resource endpoints as the Functions app, plus manifest intake standing in for the watchers.</summary>
public static class ResourceApi
{
    public static void MapResourceApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/resources/{resourceType}/{cloudflareId}", async (string resourceType, string cloudflareId, DurableTaskClient client, CancellationToken cancellationToken) =>
        {
            if (!ResourceRoute.TryParse(resourceType, cloudflareId, out var resource, out var problem))
            {
                return Results.BadRequest(problem);
            }

            var state = await new ResourceSyncClient(client).GetStateAsync(resource, cancellationToken).ConfigureAwait(false);
            return state is null ? Results.NotFound() : Results.Ok(state);
        });

        routes.MapPost("/api/resources/{resourceType}/{cloudflareId}/sync", async (string resourceType, string cloudflareId, bool? force, DurableTaskClient client, CancellationToken cancellationToken) =>
        {
            if (!ResourceRoute.TryParse(resourceType, cloudflareId, out var resource, out var problem))
            {
                return Results.BadRequest(problem);
            }

            await new ResourceSyncClient(client).TriggerSyncAsync(resource, force ?? false, cancellationToken).ConfigureAwait(false);
            return Results.Accepted();
        });

        routes.MapPost("/api/manifests", async (HttpRequest request, ManifestIntake intake, CancellationToken cancellationToken) =>
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            var result = await intake.ApplyAsync(text, "request body", cancellationToken).ConfigureAwait(false);
            return result.Error is null ? Results.Ok(result) : Results.BadRequest(result);
        });
    }
}
