using System.Text.Json.Nodes;

namespace CfSync.Translation.Manifests;

/// <summary>One YAML document read as JSON, the <paramref name="Index"/>th (1-based) of its text; Root null when empty.</summary>
internal sealed record YamlDocument(int Index, JsonNode? Root, NodeMarks Marks);
