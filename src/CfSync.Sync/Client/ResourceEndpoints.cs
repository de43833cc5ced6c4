using System.Text.Json;
using Microsoft.DurableTask.Client;

namespace CfSync.Sync.Client;

/// <summary>
/// What an endpoint answers, whichever host serves it: the status, and the body with its media type (none for 202).
/// Both hosts write it as it is, so their answers are the same bytes.
/// </summary>
public sealed record EndpointAnswer(int Status, string? ContentType = null, string? Body = null);

/// <summary>An RFC 9457 problem (<c>application/problem+json</c>): what went wrong and which part of the request.</summary>
public sealed record EndpointProblem(string Title, int Status, string Detail);

/// <summary>
/// The resource endpoints, host-neutral: <c>GET resources/{resourceType}/{cloudflareId}</c> (200 the entity's state,
/// 404 when no source registered anything) and <c>POST resources/{resourceType}/{cloudflareId}/sync[?force=true]</c>
/// (202). A bad route or <c>force</c> is a 400 problem naming the part. Bodies are JSON with web naming (camelCase).
/// </summary>
public sealed class ResourceEndpoints(DurableTaskClient client)
{
    public const string JsonContentType = "application/json";
    public const string ProblemContentType = "application/problem+json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<EndpointAnswer> GetStateAsync(string resourceType, string cloudflareId, CancellationToken cancellationToken)
    {
        if (!ResourceRoute.TryParse(resourceType, cloudflareId, out var resource, out var problem))
        {
            return InvalidRoute(problem);
        }

        var state = await new ResourceSyncClient(client).GetStateAsync(resource, cancellationToken).ConfigureAwait(false);
        return state is null
            ? Problem(new EndpointProblem("No such resource", 404, $"No source has registered anything for {resource.ResourceType} {resource.CloudflareId}."))
            : new EndpointAnswer(200, JsonContentType, JsonSerializer.Serialize(state, Json));
    }

    /// <param name="force">The <c>force</c> query parameter as sent: absent, <c>true</c> or <c>false</c> (any case).</param>
    public async Task<EndpointAnswer> TriggerSyncAsync(string resourceType, string cloudflareId, string? force, CancellationToken cancellationToken)
    {
        if (!ResourceRoute.TryParse(resourceType, cloudflareId, out var resource, out var problem))
        {
            return InvalidRoute(problem);
        }

        if (!bool.TryParse(force ?? bool.FalseString, out var forced))
        {
            return Problem(new EndpointProblem("Invalid query", 400, "force: must be true or false."));
        }

        await new ResourceSyncClient(client).TriggerSyncAsync(resource, forced, cancellationToken).ConfigureAwait(false);
        return new EndpointAnswer(202);
    }

    private static EndpointAnswer InvalidRoute(string problem) => Problem(new EndpointProblem("Invalid resource route", 400, problem));

    private static EndpointAnswer Problem(EndpointProblem problem) =>
        new(problem.Status, ProblemContentType, JsonSerializer.Serialize(problem, Json));
}
