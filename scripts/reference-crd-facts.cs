#!/usr/bin/env -S dotnet run
#:project ../src/CfSync.Translation/CfSync.Translation.csproj

// Extracts the facts the CRD tests compare against from the reference CRDs: each kind's scope, each version's
// served/storage flags, and every field path with its type. Nothing else (no descriptions, no defaults) is kept.
//   dotnet run scripts/reference-crd-facts.cs [reference-crds-folder]
// The folder defaults to ../shared/reference/crds beside the repository; the table is written to
// tests/CfSync.Crds.Tests/reference-crd-facts.json. Exit code 2 when the folder holds no readable CRD.
using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Translation.Manifests;

const string Upstream = "CustomResourceDefinitions of StringKe/cloudflare-operator at 60b9b2661ffd1558738a10ebe8b4fff5692bb0bd (Apache-2.0)";
const string TablePath = "tests/CfSync.Crds.Tests/reference-crd-facts.json";

var root = Path.GetFullPath(Path.Combine((string)AppContext.GetData("EntryPointFileDirectoryPath")!, ".."));
var folder = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine(root, "..", "shared", "reference", "crds"));
try
{
    var crds = new JsonArray();
    var kinds = new HashSet<string>(StringComparer.Ordinal);
    foreach (var document in ManifestReader.ReadPath(folder).OrderBy(d => Kind(d), StringComparer.Ordinal))
    {
        if (!kinds.Add(Kind(document)))
        {
            throw Invalid(document, $"a second CustomResourceDefinition of kind {Kind(document)}");
        }

        crds.Add((JsonNode)Facts(document));
    }

    if (crds.Count == 0)
    {
        throw new ManifestException(folder, 0, 0, "no CustomResourceDefinition found");
    }

    var table = new JsonObject
    {
        ["source"] = $"{Upstream}; kinds, scopes, versions, field paths and types only, extracted by " +
            "scripts/reference-crd-facts.cs. Regenerate: dotnet run scripts/reference-crd-facts.cs [folder, default ../shared/reference/crds]",
        ["crds"] = crds,
    };
    File.WriteAllText(Path.Combine(root, TablePath), table.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    Console.WriteLine($"{TablePath}: {crds.Count} kinds from {folder}");
    return 0;
}
catch (ManifestException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

static string Kind(ManifestDocument document) => Text(document.Object["spec"]?["names"]?["kind"], document, "spec.names.kind");

static string Text(JsonNode? node, ManifestDocument document, string field) =>
    node is JsonValue value && value.TryGetValue<string>(out var text)
        ? text
        : throw Invalid(document, $"{field} is not a string");

static bool Flag(JsonNode? node, ManifestDocument document, string field) =>
    node is JsonValue value && value.TryGetValue<bool>(out var flag)
        ? flag
        : throw Invalid(document, $"{field} is not a boolean");

static JsonObject Facts(ManifestDocument document)
{
    if (Text(document.Object["kind"], document, "kind") != "CustomResourceDefinition")
    {
        throw Invalid(document, "not a CustomResourceDefinition");
    }

    var versions = new JsonArray();
    foreach (var version in document.Object["spec"]!["versions"] as JsonArray ?? throw Invalid(document, "spec.versions is not a list"))
    {
        var name = Text(version?["name"], document, "spec.versions[].name");
        var schema = version!["schema"]?["openAPIV3Schema"] as JsonObject
            ?? throw Invalid(document, $"version {name} has no schema.openAPIV3Schema");
        var fields = new JsonObject();
        AddFields(schema, "$", fields, document);
        versions.Add((JsonNode)new JsonObject
        {
            ["name"] = name,
            ["served"] = Flag(version["served"], document, $"version {name} served"),
            ["storage"] = Flag(version["storage"], document, $"version {name} storage"),
            ["fields"] = fields,
        });
    }

    return new JsonObject
    {
        ["kind"] = Kind(document),
        ["scope"] = Text(document.Object["spec"]!["scope"], document, "spec.scope"),
        ["versions"] = versions,
    };
}

// Paths: .name for a property, [] for array items, {} for map values (additionalProperties), as the tests read them.
static void AddFields(JsonObject schema, string path, JsonObject fields, ManifestDocument document)
{
    fields[path] = schema["type"] is null ? null : Text(schema["type"], document, path + " type");
    foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
    {
        if (name.IndexOfAny(['.', '[', '{']) >= 0 || property is not JsonObject child)
        {
            throw Invalid(document, $"{path}.{name} cannot be named in a field path");
        }

        AddFields(child, $"{path}.{name}", fields, document);
    }

    if (schema["items"] is JsonObject items)
    {
        AddFields(items, path + "[]", fields, document);
    }

    if (schema["additionalProperties"] is JsonObject values)
    {
        AddFields(values, path + "{}", fields, document);
    }
}

static ManifestException Invalid(ManifestDocument document, string message) =>
    new(document.File, document.Line, 0, message);
