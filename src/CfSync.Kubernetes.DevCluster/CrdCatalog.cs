using System.Reflection;
using System.Text.Json.Nodes;
using CfSync.Translation.Manifests;

namespace CfSync.Kubernetes.DevCluster;

/// <summary>
/// The served custom resources, read from the repository's CRDs (infra/crds, embedded in this assembly at build time):
/// names, short names, categories, scope, served versions, the status subresource and the printer columns, so that
/// discovery and <c>kubectl get</c> show what a cluster with those CRDs installed shows.
/// </summary>
internal static class CrdCatalog
{
    private const string Prefix = "crds/";

    public static IReadOnlyList<ApiResource> Load()
    {
        var assembly = typeof(CrdCatalog).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .SelectMany(n => ManifestReader.ReadText(Read(assembly, n), n))
            .Select(d => FromCrd(d.Object, d.File))];
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"embedded CRD {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static ApiResource FromCrd(JsonObject crd, string file)
    {
        var spec = crd["spec"] as JsonObject ?? throw new InvalidOperationException($"{file}: a CRD needs spec");
        var names = spec["names"] as JsonObject ?? throw new InvalidOperationException($"{file}: spec.names is missing");
        var served = spec["versions"]?.AsArray().OfType<JsonObject>().Where(v => (bool?)v["served"] == true).ToList() ?? [];
        if (served.Count == 0)
        {
            throw new InvalidOperationException($"{file}: spec.versions serves no version");
        }

        var kind = Text(names, "kind", file);

        // One storage for every version, so one set of columns: those of the newest served version.
        var newest = served.OrderBy(v => Text(v, "name", file), VersionPriority.Comparer).First();
        return new ApiResource(
            Text(spec, "group", file),
            [.. served.Select(v => Text(v, "name", file))],
            Text(names, "plural", file),
            kind,
            Namespaced: Text(spec, "scope", file) == "Namespaced",
            HasStatusSubresource: served.All(v => v["subresources"]?["status"] is not null),
            AllowUnconditionalUpdate: false)
        {
            Singular = (string?)names["singular"] ?? kind.ToLowerInvariant(),
            ShortNames = Strings(names["shortNames"]),
            Categories = Strings(names["categories"]),
            Columns = [.. (newest["additionalPrinterColumns"]?.AsArray() ?? []).OfType<JsonObject>().Select(c => Column(c, file))],
            DeprecatedVersions = served.Where(v => (bool?)v["deprecated"] == true).ToDictionary(
                v => Text(v, "name", file),
                v => (string?)v["deprecationWarning"] ?? $"{Text(spec, "group", file)}/{Text(v, "name", file)} {kind} is deprecated",
                StringComparer.Ordinal),
        };
    }

    private static PrinterColumn Column(JsonObject column, string file) =>
        PrinterColumn.FromJsonPath(Text(column, "name", file), Text(column, "type", file), Text(column, "jsonPath", file)) with
        {
            Priority = (int?)column["priority"] ?? 0,
            Description = (string?)column["description"] ?? "",
        };

    private static string[] Strings(JsonNode? list) => [.. (list?.AsArray() ?? []).Select(n => (string?)n ?? "")];

    private static string Text(JsonObject obj, string field, string file) =>
        (string?)obj[field] ?? throw new InvalidOperationException($"{file}: field {field} is missing");
}
