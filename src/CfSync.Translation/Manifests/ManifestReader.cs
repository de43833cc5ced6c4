using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CfSync.Translation.Manifests;

/// <summary>
/// Reads Kubernetes manifests: multi-document YAML or JSON (JSON is read as YAML, which it is), files or folders
/// (recursively, *.yaml, *.yml, *.json, in ordinal path order). List kinds are flattened, empty documents skipped,
/// and a namespaced kind without a namespace lands in "default", as <c>kubectl apply</c> would put it.
/// </summary>
public static class ManifestReader
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <exception cref="ManifestException">A path does not exist or a file cannot be parsed.</exception>
    public static IReadOnlyList<ManifestDocument> ReadPaths(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return paths.SelectMany(ReadPath).ToList();
    }

    /// <exception cref="ManifestException">The path does not exist or a file cannot be parsed.</exception>
    public static IReadOnlyList<ManifestDocument> ReadPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            return Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(file => Extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .SelectMany(file => ReadText(File.ReadAllText(file), file))
                .ToList();
        }

        if (!File.Exists(path))
        {
            throw new ManifestException(path, 0, 0, "no such file or folder");
        }

        return ReadText(File.ReadAllText(path), path);
    }

    /// <param name="text">YAML or JSON text, possibly several documents.</param>
    /// <param name="file">Named in errors and in each document.</param>
    /// <exception cref="ManifestException">The text cannot be parsed or a document is not a Kubernetes object.</exception>
    public static IReadOnlyList<ManifestDocument> ReadText(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ManifestException(file, (int)e.Start.Line, (int)e.Start.Column, Describe(e), e);
        }

        var documents = new List<ManifestDocument>();
        foreach (var root in stream.Documents.Select(d => d.RootNode).Where(n => !YamlToJson.IsEmpty(n)))
        {
            // A top-level JSON array is a list of objects, like a List kind's items.
            var nodes = root is YamlSequenceNode sequence ? sequence.Children : [root];
            foreach (var node in nodes.Where(n => !YamlToJson.IsEmpty(n)))
            {
                AddObject(node, file, documents);
            }
        }

        return documents;
    }

    private static void AddObject(YamlNode node, string file, List<ManifestDocument> documents)
    {
        if (YamlToJson.Convert(node, file) is not JsonObject obj)
        {
            throw YamlToJson.Error(node, file, "a manifest document must be a mapping (a Kubernetes object)");
        }

        var kind = (obj["kind"] as JsonValue)?.GetValue<string>();
        var apiVersion = (obj["apiVersion"] as JsonValue)?.GetValue<string>();
        if (string.IsNullOrEmpty(kind) || string.IsNullOrEmpty(apiVersion))
        {
            throw YamlToJson.Error(node, file, "a Kubernetes object needs apiVersion and kind");
        }

        if (kind.EndsWith("List", StringComparison.Ordinal) && obj["items"] is JsonArray)
        {
            var items = ((YamlMappingNode)node).Children[new YamlScalarNode("items")];
            foreach (var item in ((YamlSequenceNode)items).Children)
            {
                AddObject(item, file, documents);
            }

            return;
        }

        if (obj["metadata"] is not JsonObject metadata || metadata["name"] is not JsonValue name
            || name.GetValueKind() != System.Text.Json.JsonValueKind.String || name.GetValue<string>().Length == 0)
        {
            throw YamlToJson.Error(node, file, $"{kind}: metadata.name is required");
        }

        if (metadata["namespace"] is null && Kinds.IsNamespaced(new GroupKind(GroupKind.GroupOf(apiVersion), kind)))
        {
            metadata["namespace"] = "default";
        }

        documents.Add(new ManifestDocument(obj, file, (int)node.Start.Line));
    }

    // YamlDotNet's message starts with its own "(Line: .., Col: ..)" prefix; ours carries the position already.
    private static string Describe(YamlException e)
    {
        var message = (e.InnerException as YamlException)?.Message ?? e.Message;
        var dash = message.IndexOf(") - (", StringComparison.Ordinal);
        if (message.StartsWith("(Line:", StringComparison.Ordinal) && dash >= 0)
        {
            var end = message.IndexOf("): ", dash, StringComparison.Ordinal);
            return end >= 0 ? message[(end + 3)..] : message;
        }

        return message;
    }
}
