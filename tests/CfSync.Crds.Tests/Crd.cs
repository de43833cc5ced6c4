using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Translation.Manifests;
using Json.Schema;

namespace CfSync.Crds.Tests;

/// <summary>One CustomResourceDefinition from infra/crds, with a JSON Schema per served version.</summary>
internal sealed class Crd
{
    private static readonly EvaluationOptions Evaluation = new()
    {
        OutputFormat = OutputFormat.List,
        RequireFormatValidation = true,
    };

    private readonly Dictionary<string, JsonSchema> schemas = new(StringComparer.Ordinal);

    private Crd(ManifestDocument document)
    {
        Document = document;
        var spec = document.Object["spec"]!.AsObject();
        Group = (string)spec["group"]!;
        Kind = (string)spec["names"]!["kind"]!;
        Scope = (string)spec["scope"]!;
        Versions = [.. spec["versions"]!.AsArray().Select(v => v!.AsObject())];
        foreach (var version in Versions)
        {
            var name = (string)version["name"]!;
            var openApi = version["schema"]!["openAPIV3Schema"]!.AsObject();
            var converted = CrdSchemaConverter.ToJsonSchema(openApi);

            // A private registry per schema: every CRD and version can be built in one process.
            var build = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
            schemas[name] = JsonSchema.Build(
                JsonSerializer.SerializeToElement(converted),
                build,
                new Uri($"https://cfsync.invalid/crds/{Kind}/{name}"));
        }
    }

    public static IReadOnlyList<Crd> All { get; } =
        [.. ManifestReader.ReadPath(RepoPaths.Crds).Select(d => new Crd(d))];

    public ManifestDocument Document { get; }

    public string Group { get; }

    public string Kind { get; }

    public string Scope { get; }

    public IReadOnlyList<JsonObject> Versions { get; }

    public static Crd For(string kind) =>
        All.SingleOrDefault(c => c.Kind == kind) ?? throw new InvalidOperationException($"No CRD for kind {kind} in infra/crds.");

    public JsonObject OpenApiSchema(string version) =>
        Versions.Single(v => (string)v["name"]! == version)["schema"]!["openAPIV3Schema"]!.AsObject();

    /// <summary>The schema problems of an object, judged by the version in its apiVersion; empty when it is valid.</summary>
    public IReadOnlyList<string> Problems(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var apiVersion = (string?)obj["apiVersion"] ?? "";
        var version = apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..];
        if (!apiVersion.StartsWith(Group + "/", StringComparison.Ordinal) || !schemas.TryGetValue(version, out var schema))
        {
            return [$"{Kind}: apiVersion {apiVersion} is not served by this CRD"];
        }

        var results = schema.Evaluate(JsonSerializer.SerializeToElement(obj), Evaluation);
        if (results.IsValid)
        {
            return [];
        }

        return [.. (results.Details ?? [])
            .Where(d => !d.IsValid && d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
            .Distinct()
            .DefaultIfEmpty("does not match the schema")];
    }
}
