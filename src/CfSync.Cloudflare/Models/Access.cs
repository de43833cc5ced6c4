using System.Text.Json;
using System.Text.Json.Serialization;

namespace CfSync.Cloudflare.Models;

/// <summary>An Access application as returned; type-specific fields not modelled here stay in <see cref="Extra"/>.</summary>
public sealed record AccessApplication
{
    public required string Id { get; init; }

    public string? Aud { get; init; }

    public string? Name { get; init; }

    public string? Domain { get; init; }

    public string? Type { get; init; }

    public string? SessionDuration { get; init; }

    public IReadOnlyList<string>? AllowedIdps { get; init; }

    public bool? AutoRedirectToIdentity { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    [JsonExtensionData] public IDictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>Body of POST and PUT (full replace). Type is e.g. "self_hosted"; more fields go in <see cref="Extra"/>.</summary>
public sealed record AccessApplicationRequest
{
    public required string Name { get; init; }

    public required string Domain { get; init; }

    public string Type { get; init; } = "self_hosted";

    public string? SessionDuration { get; init; }

    public IReadOnlyList<string>? AllowedIdps { get; init; }

    public bool? AutoRedirectToIdentity { get; init; }

    [JsonExtensionData] public IDictionary<string, JsonElement>? Extra { get; init; }
}

public sealed record AccessApplicationQuery(string? Name = null, string? Domain = null, string? Aud = null, string? Search = null);
