using System.Buffers;
using System.Text.Json;
using CfSync.Core.Hashing;

namespace CfSync.Core.Tunnels;

/// <summary>
/// Writes the tunnel configuration body straight into canonical JSON (keys in ordinal order at every level),
/// so a 10,000-rule tunnel needs no intermediate document before hashing.
/// </summary>
internal static class TunnelConfigurationWriter
{
    /// <summary>The body's canonical UTF-8 bytes, in a buffer sized so a typical rule (~100 bytes) never regrows it.</summary>
    public static ArrayBufferWriter<byte> Write(IReadOnlyList<OrderedRule> rules, TunnelSettingsFragment settings)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (rules.Count * 128));
        using (var writer = new Utf8JsonWriter(buffer, CanonicalJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("config");

            writer.WriteStartArray("ingress");
            foreach (var ordered in rules)
            {
                WriteRule(writer, ordered.Rule);
            }

            writer.WriteStartObject();
            writer.WriteString("service", settings.FallbackTarget ?? TunnelSettingsFragment.DefaultFallbackTarget);
            writer.WriteEndObject();
            writer.WriteEndArray();

            if (settings.OriginRequest is { IsEmpty: false } origin)
            {
                writer.WritePropertyName("originRequest");
                WriteOrigin(writer, origin);
            }

            writer.WriteStartObject("warp-routing");
            writer.WriteBoolean("enabled", settings.WarpRouting);
            writer.WriteEndObject();

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer;
    }

    private static void WriteRule(Utf8JsonWriter writer, IngressRule rule)
    {
        writer.WriteStartObject();
        if (rule.Hostname is not null)
        {
            writer.WriteString("hostname", rule.Hostname);
        }

        if (rule.OriginRequest is not null)
        {
            writer.WritePropertyName("originRequest");
            WriteOrigin(writer, rule.OriginRequest);
        }

        if (rule.Path is not null)
        {
            writer.WriteString("path", rule.Path);
        }

        writer.WriteString("service", rule.Service);
        writer.WriteEndObject();
    }

    // OriginRequest and AccessSettings declare their properties in ordinal order, so the serializer's
    // declaration-order output is already canonical (a test holds this).
    private static void WriteOrigin(Utf8JsonWriter writer, OriginRequest origin) =>
        JsonSerializer.Serialize(writer, origin, CoreJson.Options);
}
