using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CfSync.Core.Hashing;

/// <summary>
/// Canonical JSON: object keys in ordinal order, no insignificant white space, arrays in their order.
/// The same document always gives the same bytes, whatever order its keys were written in, so the hash of
/// those bytes identifies what is sent to Cloudflare.
/// </summary>
public static class CanonicalJson
{
    /// <summary>
    /// Minimal escaping (only what JSON requires), so patterns such as <c>[0-9]+</c> are sent and hashed as
    /// written rather than as <c>\u002B</c>. Every canonical writer uses these options.
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Indented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] ToUtf8(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, node);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static string ToText(JsonNode? node) => System.Text.Encoding.UTF8.GetString(ToUtf8(node));

    public static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}

/// <summary>The configuration hash: <c>sha256:</c> and 64 lower-case hex digits over the canonical bytes.</summary>
public static class ConfigHash
{
    public const string Prefix = "sha256:";

    public static string Of(ReadOnlySpan<byte> canonicalUtf8) =>
        Prefix + Convert.ToHexStringLower(SHA256.HashData(canonicalUtf8));

    public static string Of(JsonNode? node) => Of(CanonicalJson.ToUtf8(node));
}
