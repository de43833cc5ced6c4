using System.Text.Json.Serialization;

namespace CfSync.Translation.Models;

/// <summary>The metadata we read from every object.</summary>
public sealed record ObjectMeta
{
    public string Name { get; init; } = "";

    public string? Namespace { get; init; }

    public string? Uid { get; init; }

    public string? ResourceVersion { get; init; }

    public long? Generation { get; init; }

    public DateTimeOffset? CreationTimestamp { get; init; }

    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    public DateTimeOffset? DeletionTimestamp { get; init; }

    public string? Annotation(string key) => Annotations is not null && Annotations.TryGetValue(key, out var value) ? value : null;
}

/// <summary>The envelope every object shares.</summary>
public abstract record KubeObject
{
    public string ApiVersion { get; init; } = "";

    public string Kind { get; init; } = "";

    [JsonRequired]
    public ObjectMeta Metadata { get; init; } = new();
}
