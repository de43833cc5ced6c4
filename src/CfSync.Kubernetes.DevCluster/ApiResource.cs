namespace CfSync.Kubernetes.DevCluster;

/// <summary>One served resource: where it lives in the URL space and how the server treats it.</summary>
/// <param name="Group">API group; empty for core/v1.</param>
/// <param name="Versions">Served versions; all share one storage (no conversion, apiVersion is rewritten).</param>
/// <param name="Plural">URL name, e.g. "services".</param>
/// <param name="Kind">Object kind; lists are "{Kind}List".</param>
/// <param name="Namespaced">Namespaced or cluster-scoped.</param>
/// <param name="HasStatusSubresource">Whether /status exists and the main endpoint ignores .status.</param>
/// <param name="AllowUnconditionalUpdate">
/// Core kinds accept a PUT without metadata.resourceVersion; custom resources require it (422).
/// </param>
public sealed record ApiResource(
    string Group,
    IReadOnlyList<string> Versions,
    string Plural,
    string Kind,
    bool Namespaced,
    bool HasStatusSubresource,
    bool AllowUnconditionalUpdate)
{
    /// <summary>Key of the storage shared by all versions.</summary>
    public string StorageKey => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public string ApiVersion(string version) => Group.Length == 0 ? version : $"{Group}/{version}";
}
