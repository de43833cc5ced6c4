using CfSync.Core.Text;

namespace CfSync.Core.Sources;

/// <summary>
/// The Kubernetes object a fragment comes from. Namespace is null for cluster-scoped kinds. Each part follows
/// Kubernetes' rules (<see cref="KubernetesNames"/>: the kind an identifier, the namespace a DNS-1123 label, the
/// name a DNS-1123 subdomain, as for every kind we translate), so a key is at most 381 characters of
/// <c>[A-Za-z0-9.-/]</c> and anything that stores it (entity state, Kubernetes status, logs) can take it.
/// </summary>
public sealed record Source
{
    public Source(string kind, string? @namespace, string name)
    {
        Kind = Require(kind, KubernetesNames.KindError, nameof(kind));
        Namespace = @namespace is null ? null : Require(@namespace, KubernetesNames.LabelError, nameof(@namespace));
        Name = Require(name, KubernetesNames.SubdomainError, nameof(name));
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

    /// <summary>The longest key: kind, namespace and name at their limits, and two separators.</summary>
    public const int MaxKeyLength = KubernetesNames.MaxLabelLength + KubernetesNames.MaxLabelLength + KubernetesNames.MaxSubdomainLength + 2;

    /// <summary>Parses a canonical key back into a source.</summary>
    /// <exception cref="FormatException">Not a key.</exception>
    /// <exception cref="ArgumentException">A part breaks Kubernetes' rules.</exception>
    public static Source Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length > MaxKeyLength)
        {
            throw new FormatException($"'{Quote.Of(key)}' is longer than a source key can be ({MaxKeyLength} characters).");
        }

        var parts = key.Split('/');
        return parts.Length switch
        {
            2 => new Source(parts[0], null, parts[1]),
            3 => new Source(parts[0], parts[1], parts[2]),
            _ => throw new FormatException($"'{Quote.Of(key)}' is not a source key (Kind/name or Kind/namespace/name)."),
        };
    }

    private static string Require(string value, Func<string, string?> rule, string parameter)
    {
        ArgumentNullException.ThrowIfNull(value, parameter);
        return rule(value) is { } error
            ? throw new ArgumentException($"A source {parameter} {error}: '{Quote.Of(value)}'.", parameter)
            : value;
    }
}
