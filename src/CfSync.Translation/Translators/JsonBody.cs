using System.Text.Json.Nodes;

namespace CfSync.Translation.Translators;

/// <summary>Builds a Cloudflare request body with only the fields the object sets.</summary>
internal sealed class JsonBody
{
    public JsonObject Object { get; } = [];

    public JsonBody Add(string name, string? value) => Set(name, string.IsNullOrEmpty(value) ? null : JsonValue.Create(value));

    public JsonBody Add(string name, bool? value) => Set(name, value is null ? null : JsonValue.Create(value.Value));

    public JsonBody Add(string name, int? value) => Set(name, value is null ? null : JsonValue.Create(value.Value));

    public JsonBody Add(string name, IReadOnlyList<string>? values) =>
        Set(name, values is null ? null : new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()));

    public JsonBody Add(string name, JsonNode? value) => Set(name, value);

    private JsonBody Set(string name, JsonNode? value)
    {
        if (value is not null)
        {
            Object[name] = value;
        }

        return this;
    }
}
