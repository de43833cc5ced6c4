namespace CfSync.Kubernetes.DevCluster;

/// <summary>
/// An error the test server answers instead of serving matching requests, as a missing RBAC rule, a failing
/// admission webhook or an overloaded server would. Named the way an RBAC rule names what it allows.
/// </summary>
/// <param name="Verb">get, list, watch, create, update, patch or delete.</param>
/// <param name="Resource">The plural, with a subresource after a slash: <c>tunnelbindings</c>, <c>tunnelbindings/status</c>.</param>
/// <param name="StatusCode">The HTTP code answered, with the matching Status reason (403 Forbidden, 429 TooManyRequests, ...).</param>
public sealed record ApiFault(string Verb, string Resource, int StatusCode)
{
    /// <summary>The API group the fault applies to ("" for core); null for every group serving <see cref="Resource"/>.</summary>
    public string? Group { get; init; }

    /// <summary>What RBAC answers when the service account lacks <paramref name="verb"/> on <paramref name="resource"/>.</summary>
    public static ApiFault Forbidden(string verb, string resource) => new(verb, resource, 403);

    internal bool Matches(ApiRequest request) =>
        Verb == request.Verb && Resource == request.RuleResource && (Group is null || Group == request.Group);
}
