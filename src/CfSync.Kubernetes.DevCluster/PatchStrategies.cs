namespace CfSync.Kubernetes.DevCluster;

/// <summary>
/// How strategic merge patch merges the lists of one kind, keyed by the list's dotted path from the object's root
/// (<c>spec.ports</c>), as the kind's Go type declares them (<c>patchStrategy:"merge"</c>, <c>patchMergeKey</c>). A list
/// not named here is atomic: a patch replaces it whole.
/// </summary>
public sealed record PatchStrategies(IReadOnlyDictionary<string, ListMerge> Lists)
{
    /// <summary>What every kind's ObjectMeta declares: finalizers merge by value, ownerReferences by uid.</summary>
    public static PatchStrategies ObjectMetaOnly { get; } = With();

    public static PatchStrategies With(params (string Path, ListMerge Merge)[] lists) => new(
        new Dictionary<string, ListMerge>(StringComparer.Ordinal)
        {
            ["metadata.finalizers"] = ListMerge.ByValue,
            ["metadata.ownerReferences"] = ListMerge.ByKey("uid"),
        }.Concat(lists.Select(l => KeyValuePair.Create(l.Path, l.Merge))).ToDictionary(StringComparer.Ordinal));

    public ListMerge? For(string path) => Lists.GetValueOrDefault(path);
}

/// <summary>A merged list: elements (objects) matched by <paramref name="Key"/>, or, with no key, primitives merged as a set.</summary>
public sealed record ListMerge(string? Key)
{
    public static ListMerge ByValue { get; } = new((string?)null);

    public static ListMerge ByKey(string key) => new(key);
}
