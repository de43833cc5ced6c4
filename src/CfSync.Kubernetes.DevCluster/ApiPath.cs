namespace CfSync.Kubernetes.DevCluster;

/// <summary>A request URL resolved to a resource, namespace, name and subresource.</summary>
internal sealed record ApiPath(ApiResource Resource, string Version, string? Namespace, string? Name, string? Subresource)
{
    /// <summary>
    /// Parses /api/v1/... and /apis/{group}/{version}/... in both the cluster form
    /// ({plural}[/{name}[/status]]) and the namespaced form (namespaces/{ns}/{plural}[/{name}[/status]]).
    /// </summary>
    public static ApiPath? Parse(string path, ApiResourceTable table)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var (group, version, rest) = segments switch
        {
            ["api", var v, .. var r] => ("", v, r),
            ["apis", var g, var v, .. var r] => (g, v, r),
            _ => ("", "", Array.Empty<string>()),
        };

        // "namespaces/{name}/status" is the Namespace's own status, not a resource called "status".
        var namespaced = rest is ["namespaces", _, var third, ..] && !(group.Length == 0 && rest.Length == 3 && third == "status");
        var (@namespace, scoped) = namespaced ? (rest[1], rest[2..]) : ((string?)null, rest);
        if (scoped.Length is 0 or > 3 || (scoped.Length == 3 && scoped[2] != "status"))
        {
            return null;
        }

        var resource = table.Find(group, version, scoped[0]);
        if (resource is null || (namespaced && !resource.Namespaced) || (!namespaced && resource.Namespaced && scoped.Length > 1))
        {
            return null;
        }

        return new ApiPath(resource, version, @namespace, scoped.ElementAtOrDefault(1), scoped.ElementAtOrDefault(2));
    }

    public string ApiVersion => Resource.ApiVersion(Version);
}
