using System.Text.Json.Serialization;

namespace CfSync.Core.Resources;

/// <summary>
/// Which Cloudflare resource a fragment belongs to. For a tunnel configuration the id is the tunnel id;
/// for 1:1 resources it is a natural key (see <see cref="NaturalKeys"/>) until Cloudflare assigns an id.
/// </summary>
public sealed record ResourceIdentity(ResourceType ResourceType, string CloudflareId)
{
    public override string ToString() => $"{ResourceType}/{CloudflareId}";
}

/// <summary>Where a resource lives in Cloudflare: the account, and the zone where one applies.</summary>
public sealed record ResourceScope(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AccountId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ZoneId = null)
{
    public static ResourceScope None { get; } = new(null, null);
}
