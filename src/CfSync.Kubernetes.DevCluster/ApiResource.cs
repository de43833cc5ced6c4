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

    /// <summary>Discovery's singularName (kubectl accepts it for the plural).</summary>
    public string Singular { get; init; } = Kind.ToLowerInvariant();

    /// <summary>Discovery's shortNames, as the real kind declares them (svc, ing, cfss, ...).</summary>
    public IReadOnlyList<string> ShortNames { get; init; } = [];

    /// <summary>Discovery's categories (kubectl get all lists the kinds of category "all").</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The columns of the Table form after Name; empty gives the default Age column.</summary>
    public IReadOnlyList<PrinterColumn> Columns { get; init; } = [];

    /// <summary>
    /// The list merge keys of strategic merge patch; null for kinds that take no strategic merge patch (custom resources:
    /// 415, as on a real cluster).
    /// </summary>
    public PatchStrategies? StrategicMerge { get; init; }

    /// <summary>
    /// Fields a field selector may name besides metadata.name and metadata.namespace: the selector's field name and the
    /// dotted path of the value it reads (core Events' <c>source</c> reads <c>source.component</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string> SelectableFields { get; init; } = new Dictionary<string, string>();

    /// <summary>Deprecated served versions and the warning every request on them gets (a CRD's deprecationWarning).</summary>
    public IReadOnlyDictionary<string, string> DeprecatedVersions { get; init; } = new Dictionary<string, string>();

    public string ApiVersion(string version) => Group.Length == 0 ? version : $"{Group}/{version}";
}
