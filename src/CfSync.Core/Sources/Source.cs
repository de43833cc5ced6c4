namespace CfSync.Core.Sources;

/// <summary>
/// The Kubernetes object a fragment comes from. Namespace is null for cluster-scoped kinds.
/// </summary>
public sealed record Source
{
    public Source(string kind, string? @namespace, string name)
    {
        Kind = RequireSegment(kind, nameof(kind));
        Namespace = @namespace is null ? null : RequireSegment(@namespace, nameof(@namespace));
        Name = RequireSegment(name, nameof(name));
    }

    public string Kind { get; }

    public string? Namespace { get; }

    public string Name { get; }

    /// <summary>
    /// Canonical key: <c>Kind/namespace/name</c>, or <c>Kind/name</c> when cluster-scoped.
    /// Segments never contain '/', so the segment count and positions make the key collision-free
    /// (unlike joining with '-', where <c>a-b/c</c> and <c>a/b-c</c> would meet).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Key => Namespace is null ? $"{Kind}/{Name}" : $"{Kind}/{Namespace}/{Name}";

    public override string ToString() => Key;

    /// <summary>Parses a canonical key back into a source.</summary>
    public static Source Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split('/');
        return parts.Length switch
        {
            2 => new Source(parts[0], null, parts[1]),
            3 => new Source(parts[0], parts[1], parts[2]),
            _ => throw new FormatException($"'{key}' is not a source key (Kind/name or Kind/namespace/name)."),
        };
    }

    private static string RequireSegment(string value, string parameter)
    {
        ArgumentNullException.ThrowIfNull(value, parameter);
        if (value.Length == 0 || value.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"A source {parameter} must be non-empty and contain no '/': '{value}'.", parameter);
        }

        return value;
    }
}
