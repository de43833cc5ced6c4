using System.Text.Json;
using System.Text.Json.Nodes;

namespace CfSync.Cloudflare.Applying;

/// <summary>
/// Which fields of a 1:1 object CfSync manages and how Cloudflare writes them back, so that what Cloudflare already
/// holds is never written again: absent, null, "", [], {} and false are one value; nested objects are compared on the
/// keys CfSync sets (Cloudflare adds its defaults there); <see cref="Unordered"/> arrays are sets; a
/// <see cref="ServerDefaulted"/> field CfSync does not set is Cloudflare's to fill and not compared.
/// </summary>
internal sealed record NormalForm(
    IReadOnlyList<string> Managed,
    IReadOnlySet<string> ServerDefaulted,
    IReadOnlySet<string> Unordered,
    IReadOnlySet<string> CaseInsensitive)
{
    private const int ShownValueLength = 60;

    /// <summary>What differs between the body CfSync would send and what Cloudflare holds, one entry per field; empty when nothing.</summary>
    public IReadOnlyList<string> Differences(JsonObject desired, JsonObject actual)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(actual);
        var differences = new List<string>();
        foreach (var field in Managed.Union(desired.Select(p => p.Key)))
        {
            if (!desired.ContainsKey(field) && ServerDefaulted.Contains(field))
            {
                continue;
            }

            if (!Same(desired[field], actual[field], Unordered.Contains(field), CaseInsensitive.Contains(field)))
            {
                differences.Add($"{field} {Show(actual[field])} -> {Show(desired[field])}");
            }
        }

        return differences;
    }

    private static bool Same(JsonNode? desired, JsonNode? actual, bool unordered = false, bool caseInsensitive = false)
    {
        if (IsEmpty(desired) && IsEmpty(actual))
        {
            return true;
        }

        switch (desired)
        {
            case JsonObject wanted:
                return actual is JsonObject heldObject && wanted.All(p => Same(p.Value, heldObject[p.Key]));
            case JsonArray wanted when actual is JsonArray heldArray && wanted.Count == heldArray.Count:
                return unordered
                    ? wanted.Select(Text).Order(StringComparer.Ordinal).SequenceEqual(heldArray.Select(Text).Order(StringComparer.Ordinal))
                    : wanted.Zip(heldArray).All(pair => Same(pair.First, pair.Second));
            case JsonValue wanted when caseInsensitive && wanted.GetValueKind() == JsonValueKind.String && actual is JsonValue heldValue && heldValue.GetValueKind() == JsonValueKind.String:
                return string.Equals(wanted.GetValue<string>(), heldValue.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
            case JsonValue:
                return JsonNode.DeepEquals(desired, actual);
            default:
                return false;
        }
    }

    private static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonObject obj => obj.Count == 0,
        JsonArray array => array.Count == 0,
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.Null or JsonValueKind.False => true,
            JsonValueKind.String => value.GetValue<string>().Length == 0,
            _ => false,
        },
        _ => false,
    };

    private static string Text(JsonNode? node) => node?.ToJsonString() ?? "null";

    private static string Show(JsonNode? node)
    {
        var text = IsEmpty(node) ? "(none)" : Text(node);
        return text.Length <= ShownValueLength ? text : text[..ShownValueLength] + "...";
    }
}
