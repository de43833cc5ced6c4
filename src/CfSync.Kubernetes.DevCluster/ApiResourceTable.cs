namespace CfSync.Kubernetes.DevCluster;

/// <summary>The resources the test server serves, looked up by group, version and plural.</summary>
public sealed class ApiResourceTable
{
    private readonly Dictionary<(string Group, string Version, string Plural), ApiResource> _byPath = [];

    public ApiResourceTable(IEnumerable<ApiResource> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        Resources = [.. resources];
        foreach (var resource in Resources)
        {
            foreach (var version in resource.Versions)
            {
                _byPath[(resource.Group, version, resource.Plural)] = resource;
            }
        }
    }

    /// <summary>
    /// The Kubernetes and Gateway API kinds the project touches (<see cref="BuiltinKinds"/>) and the custom resources of
    /// the repository's CRDs (infra/crds, embedded at build time).
    /// </summary>
    public static ApiResourceTable Default { get; } = new([.. BuiltinKinds.All, .. CrdCatalog.Load()]);

    /// <summary>The served resources; extend with <c>new ApiResourceTable([.. Default.Resources, extra])</c>.</summary>
    public IReadOnlyList<ApiResource> Resources { get; }

    public ApiResource? Find(string group, string version, string plural) =>
        _byPath.GetValueOrDefault((group, version, plural));
}
