using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CfSync.Translation.Manifests;

/// <summary>
/// Types YAML scalars with the YAML 1.2 core schema: plain scalars <c>true/false</c>, <c>null/~</c>/empty, integers
/// and floats are typed; quoted scalars and explicitly tagged <c>!!str</c> stay strings. YAML 1.1 extras
/// (<c>yes</c>, <c>on</c>, <c>0777</c> octal) are strings, as in Kubernetes' own YAML reader.
/// </summary>
internal static partial class YamlScalars
{
    public static JsonValue? ToJson(Scalar scalar)
    {
        var text = scalar.Value;
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

    private static JsonValue? Tagged(Scalar scalar, string text) => scalar.Tag.Value switch
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

        if (text.StartsWith("0o", StringComparison.Ordinal) && Octal(text.AsSpan(2)) is { } octal)
        {
            return Canonical(octal.ToString(CultureInfo.InvariantCulture));
        }

        // .inf and .nan have no JSON form, nor has a float too large for a double (1e999): they stay strings.
        return Float().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real)
            ? Canonical(real.ToString("R", CultureInfo.InvariantCulture))
            : null;
    }

    // Null when not octal digits or beyond a long, which then stays a string like any other.
    private static long? Octal(ReadOnlySpan<char> digits)
    {
        long value = 0;
        foreach (var c in digits)
        {
            if (c is < '0' or > '7' || value > long.MaxValue >> 3)
            {
                return null;
            }

            value = (value << 3) | (long)(c - '0');
        }

        return digits.IsEmpty ? null : value;
    }

    // A number parsed from JSON text converts to any numeric type on read, as a number from a JSON file does.
    private static JsonValue Canonical(string json) => (JsonValue)JsonNode.Parse(json)!;

    [GeneratedRegex(@"^[-+]?[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Float();
}
