namespace CfSync.Translation.Manifests;

/// <summary>
/// Where <see cref="ManifestReader"/> stops reading: bounds far beyond any real manifest, so that hostile input
/// (an alias bomb, a 50,000-deep JSON, a 20 MB field) costs bounded time and memory and ends in a
/// <see cref="ManifestException"/> naming the file, the document and the line.
/// </summary>
public static class ManifestLimits
{
    /// <summary>A file or a text: 16 MiB. The largest manifests in use, bundles of CRDs, are a few MiB.</summary>
    public const int MaxTextLength = 16 * 1024 * 1024;

    /// <summary>
    /// One document, counting what its aliases copy: 3 MiB, the API server's limit on a request body, so no object
    /// larger could be applied to a cluster.
    /// </summary>
    public const int MaxDocumentLength = 3 * 1024 * 1024;

    /// <summary>
    /// One scalar (a key or a value): 1 MiB, the limit on a ConfigMap's or Secret's whole data, the largest values
    /// Kubernetes stores.
    /// </summary>
    public const int MaxScalarLength = 1024 * 1024;

    /// <summary>
    /// Mappings and sequences nested in one document: 64, the depth System.Text.Json reads and writes by default,
    /// so every object read can be serialized and bound to a model. Kubernetes objects nest about 10 deep; CRD
    /// schemas, the deepest manifests, rarely pass 40.
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Nodes aliases may copy into a document: <see cref="AliasAllowance"/> plus <see cref="AliasRatio"/> per node
    /// written in it so far. Shared labels or a repeated container spec stay far below; a 462-byte billion-laughs
    /// (10^9 nodes) stops before two thousand. A recursive alias (<c>a: &amp;a [*a]</c>) is always refused.
    /// </summary>
    public const int AliasAllowance = 1000;

    /// <inheritdoc cref="AliasAllowance"/>
    public const int AliasRatio = 10;

    /// <summary>Problems listed before reading stops: a text of a million bad documents yields a list of 100, not a million.</summary>
    public const int MaxProblems = 100;
}
