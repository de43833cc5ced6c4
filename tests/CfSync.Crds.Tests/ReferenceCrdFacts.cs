using System.Text.Json;

namespace CfSync.Crds.Tests;

/// <summary>
/// The Go operator's CRDs as facts (reference-crd-facts.json, written by scripts/reference-crd-facts.cs): the tests
/// compare ours against this table, so they need nothing outside the repository.
/// </summary>
internal sealed record ReferenceCrdFacts(string Source, IReadOnlyList<ReferenceCrd> Crds)
{
    // Declared before Table: static members initialise in order. A missing or null column fails the load.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    public static ReferenceCrdFacts Table { get; } =
        JsonSerializer.Deserialize<ReferenceCrdFacts>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference-crd-facts.json")), Options)
        ?? throw new InvalidDataException("reference-crd-facts.json is empty.");

    public static ReferenceCrd For(string kind) =>
        Table.Crds.SingleOrDefault(c => c.Kind == kind) ?? throw new InvalidOperationException($"No reference CRD for kind {kind} in reference-crd-facts.json.");
}

internal sealed record ReferenceCrd(string Kind, string Scope, IReadOnlyList<ReferenceCrdVersion> Versions)
{
    public ReferenceCrdVersion Version(string name) =>
        Versions.SingleOrDefault(v => v.Name == name) ?? throw new InvalidOperationException($"The reference CRD {Kind} has no version {name}.");
}

/// <summary>Fields maps a path ($.spec.a, $.list[] for items, $.map{} for map values) to its schema type.</summary>
internal sealed record ReferenceCrdVersion(string Name, bool Served, bool Storage, IReadOnlyDictionary<string, string?> Fields);
