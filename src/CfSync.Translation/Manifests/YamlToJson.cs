using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CfSync.Translation.Manifests;

/// <summary>
/// Converts YAML nodes to JSON with the YAML 1.2 core schema: plain scalars <c>true/false</c>, <c>null/~</c>/empty,
/// integers and floats are typed; quoted scalars and explicitly tagged <c>!!str</c> stay strings. YAML 1.1 extras
/// (<c>yes</c>, <c>on</c>, <c>0777</c> octal) are strings, as in Kubernetes' own YAML reader.
/// </summary>
internal static partial class YamlToJson
{
    public static JsonNode? Convert(YamlNode node, string file) => node switch
    {
        YamlMappingNode mapping => Mapping(mapping, file),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(child => Convert(child, file)).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw Error(node, file, $"unsupported YAML node {node.NodeType}"),
    };

    /// <summary>An empty document: no content, or a lone null.</summary>
    public static bool IsEmpty(YamlNode node) => node is YamlScalarNode scalar && Scalar(scalar) is null;

    public static ManifestException Error(YamlNode node, string file, string message) =>
        new(file, (int)node.Start.Line, (int)node.Start.Column, message);

    private static JsonObject Mapping(YamlMappingNode mapping, string file)
    {
        var result = new JsonObject();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                throw Error(keyNode, file, "a mapping key must be a scalar");
            }

            if (result.ContainsKey(key))
            {
                throw Error(keyNode, file, $"duplicate key '{key}'");
            }

            result[key] = Convert(valueNode, file);
        }

        return result;
    }

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain || !scalar.Tag.IsEmpty)
        {
            return scalar.Tag.IsEmpty || scalar.Tag.Value == "tag:yaml.org,2002:str" ? JsonValue.Create(text) : Tagged(scalar, text);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ => Number(text) ?? JsonValue.Create(text),
        };
    }

    private static JsonValue? Tagged(YamlScalarNode scalar, string text) => scalar.Tag.Value switch
    {
        "tag:yaml.org,2002:int" or "tag:yaml.org,2002:float" => Number(text) ?? JsonValue.Create(text),
        "tag:yaml.org,2002:bool" => JsonValue.Create(text.Equals("true", StringComparison.OrdinalIgnoreCase)),
        "tag:yaml.org,2002:null" => null,
        _ => JsonValue.Create(text),
    };

    private static JsonValue? Number(string text)
    {
        if (DecimalInteger().IsMatch(text))
        {
            return decimal.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
                ? Canonical(integer.ToString(CultureInfo.InvariantCulture))
                : null;
        }

        if (text.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return Canonical(hex.ToString(CultureInfo.InvariantCulture));
        }

        if (text.StartsWith("0o", StringComparison.Ordinal) && text.Length > 2 && text[2..].All(c => c is >= '0' and <= '7'))
        {
            return Canonical(System.Convert.ToInt64(text[2..], 8).ToString(CultureInfo.InvariantCulture));
        }

        // .inf and .nan have no JSON form; they stay strings.
        return Float().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
            ? Canonical(real.ToString("R", CultureInfo.InvariantCulture))
            : null;
    }

    // A number parsed from JSON text converts to any numeric type on read, as a number from a JSON file does.
    private static JsonValue Canonical(string json) => (JsonValue)JsonNode.Parse(json)!;

    [GeneratedRegex("^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Float();
}
