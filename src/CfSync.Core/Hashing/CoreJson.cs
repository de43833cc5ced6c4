using System.Text.Json;
using System.Text.Json.Serialization;

namespace CfSync.Core.Hashing;

/// <summary>The one set of JSON options for core data: explicit names on every type, nulls left out.</summary>
public static class CoreJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        RespectNullableAnnotations = true,
    };
}
