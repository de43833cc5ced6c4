using CfSync.Sync.Client;
using Microsoft.DurableTask.Client;

namespace CfSync.LocalHost;

/// <summary>
/// The same resource endpoints as the Functions app, plus manifest intake standing in for the watchers. Bad input is
/// a 400 <c>application/problem+json</c> and nothing is signalled.
/// </summary>
public static class ResourceApi
{
    /// <summary>Named in problems about the posted text.</summary>
    public const string BodyName = "request body";

    public static void MapResourceApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/resources/{resourceType}/{cloudflareId}", async (string resourceType, string cloudflareId, DurableTaskClient client, CancellationToken cancellationToken) =>
        {
            if (!ResourceRoute.TryParse(resourceType, cloudflareId, out var resource, out var problem))
            {
                return RouteProblem(problem);
            }

            var state = await new ResourceSyncClient(client).GetStateAsync(resource, cancellationToken).ConfigureAwait(false);
            return state is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such resource", detail: "No source has registered anything for this resource.")
                : Results.Ok(state);
        });

        routes.MapPost("/api/resources/{resourceType}/{cloudflareId}/sync", async (string resourceType, string cloudflareId, bool? force, DurableTaskClient client, CancellationToken cancellationToken) =>
        {
            if (!ResourceRoute.TryParse(resourceType, cloudflareId, out var resource, out var problem))
            {
                return RouteProblem(problem);
            }

            await new ResourceSyncClient(client).TriggerSyncAsync(resource, force ?? false, cancellationToken).ConfigureAwait(false);
            return Results.Accepted();
        });

        routes.MapPost("/api/manifests", async (HttpRequest request, ManifestIntake intake, TimeProvider time, CancellationToken cancellationToken) =>
        {
            // Kestrel bounds the body (LocalHostOptions.MaxRequestBodyBytes): past it, reading throws a 413.
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            var plan = ManifestPlanner.Plan(text, BodyName, time.GetUtcNow().ToUnixTimeMilliseconds());
            if (plan.Problems.Count > 0)
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "The manifests were not applied",
                    detail: $"{plan.Problems.Count} problem(s) in the {BodyName}; nothing was signalled.",
                    extensions: new Dictionary<string, object?> { ["errors"] = plan.Problems });
            }

            return Results.Ok(await intake.ApplyAsync(plan, cancellationToken).ConfigureAwait(false));
        });
    }

    private static IResult RouteProblem(string problem) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid resource route", detail: problem);
}
