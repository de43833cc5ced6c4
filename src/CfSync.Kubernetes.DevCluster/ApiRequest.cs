namespace CfSync.Kubernetes.DevCluster;

/// <summary>One kind of request to the API server, as RBAC names it: verb, API group ("" for core), resource and subresource ("" for none).</summary>
public sealed record ApiRequest(string Verb, string Group, string Resource, string Subresource = "")
{
    internal static ApiRequest Of(string verb, ApiPath path) => new(verb, path.Resource.Group, path.Resource.Plural, path.Subresource ?? "");

    /// <summary>The resource as an RBAC rule lists it: <c>tunnelbindings</c>, <c>tunnelbindings/status</c>.</summary>
    public string RuleResource => Subresource.Length == 0 ? Resource : $"{Resource}/{Subresource}";

    public override string ToString() => $"{Verb} {(Group.Length == 0 ? "core" : Group)}/{RuleResource}";
}

/// <summary>A request as the server received it: who made it (the bearer token, "" when none) and what it was.</summary>
public sealed record RecordedRequest(string User, ApiRequest Request);
