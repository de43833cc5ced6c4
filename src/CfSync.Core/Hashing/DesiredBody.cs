using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CfSync.Core.Hashing;

/// <summary>
/// The exact request body for Cloudflare, as the aggregator wrote it (canonical JSON). It travels unchanged from the
/// aggregate to the wire: serialised as the JSON value itself (so the entity state shows an object, not an escaped
/// string) and read back byte for byte, never parsed into a DOM and written again. So the bytes sent are the bytes
/// hashed (<see cref="ConfigHash"/>).
/// </summary>
[JsonConverter(typeof(DesiredBodyJsonConverter))]
public sealed record DesiredBody(string Json)
{
    public byte[] ToUtf8() => Encoding.UTF8.GetBytes(Json);

    /// <summary>Size of the body on the wire, in bytes.</summary>
    public int Utf8Length => Encoding.UTF8.GetByteCount(Json);
}

/// <summary>Writes a <see cref="DesiredBody"/> as raw JSON and reads the raw text of the value back.</summary>
public sealed class DesiredBodyJsonConverter : JsonConverter<DesiredBody>
{
    public override DesiredBody Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var value = JsonDocument.ParseValue(ref reader);
        return new DesiredBody(value.RootElement.GetRawText());
    }

    public override void Write(Utf8JsonWriter writer, DesiredBody value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteRawValue(value.Json, skipInputValidation: true);
    }
}
