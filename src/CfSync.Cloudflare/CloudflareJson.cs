using System.Text.Json;
using System.Text.Json.Serialization;

namespace CfSync.Cloudflare;

/// <summary>The API's JSON conventions: snake_case names, absent rather than null optional fields.</summary>
public static class CloudflareJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
