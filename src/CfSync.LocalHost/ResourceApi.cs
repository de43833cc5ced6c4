using CfSync.Sync.Client;
using Microsoft.DurableTask.Client;

namespace CfSync.LocalHost;

/// <summary>
/// The resource endpoints (<see cref="ResourceEndpoints"/>, as the Functions app serves them), plus manifest intake
/// standing in for the watchers. Bad input is a 400 <c>application/problem+json</c> and nothing is signalled.
/// </summary>
public static class ResourceApi
{
    /// <summary>Named in problems about the posted text.</summary>
    public const string BodyName = "request body";

    public static void MapResourceApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/resources/{resourceType}/{cloudflareId}", async (string resourceType, string cloudflareId, DurableTaskClient client, CancellationToken cancellationToken) =>
            Write(await new ResourceEndpoints(client).GetStateAsync(resourceType, cloudflareId, cancellationToken).ConfigureAwait(false)));

        routes.MapPost("/api/resources/{resourceType}/{cloudflareId}/sync", async (string resourceType, string cloudflareId, string? force, DurableTaskClient client, CancellationToken cancellationToken) =>
            Write(await new ResourceEndpoints(client).TriggerSyncAsync(resourceType, cloudflareId, force, cancellationToken).ConfigureAwait(false)));

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

    /// <summary>The answer as <see cref="ResourceEndpoints"/> gave it, as the Functions app writes it too.</summary>
    private static IResult Write(EndpointAnswer answer) =>
        answer.Body is null ? Results.StatusCode(answer.Status) : Results.Text(answer.Body, answer.ContentType, System.Text.Encoding.UTF8, answer.Status);
}
