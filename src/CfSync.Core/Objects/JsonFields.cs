using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Core.Aggregation;
using CfSync.Core.Text;

namespace CfSync.Core.Objects;

/// <summary>Small typed reads of a desired body, for the shape validators.</summary>
internal static class JsonFields
{
    public static string? String(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    // Through the text: a value built in memory from an int will not hand itself out as a long.
    public static long? Integer(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && long.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n : null;

    public static bool? Boolean(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? value.GetValue<bool>() : null;

    public static FieldError? RequireString(JsonObject obj, string name) =>
        string.IsNullOrWhiteSpace(String(obj, name)) ? new FieldError(name, "is required") : null;

    public static FieldError? OneOf(JsonObject obj, string name, IReadOnlyCollection<string> allowed)
    {
        var value = String(obj, name);
        return value is null || allowed.Contains(value)
            ? null
            : new FieldError(name, $"'{Quote.Of(value)}' is not one of: {string.Join(", ", allowed)}");
    }
}
