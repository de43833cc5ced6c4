using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CfSync.Core.Fragments;
using CfSync.Core.Resources;

namespace CfSync.Core.Objects;

/// <summary>
/// The desired shape of a 1:1 resource (DNS record, Access application, network route, Gateway rule):
/// the request body Cloudflare takes, in the API's own field names. One source owns one such object.
/// </summary>
public sealed record ObjectFragment : Fragment
{
    public ObjectFragment(ResourceType type, JsonObject desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        if (type == ResourceType.TunnelConfiguration)
        {
            throw new ArgumentException("A tunnel configuration is built from settings and rules fragments.", nameof(type));
        }

        Type = type;
        Desired = desired;
    }

    [JsonPropertyName("type")]
    public ResourceType Type { get; }

    [JsonPropertyName("desired")]
    public JsonObject Desired { get; }

    /// <summary>
    /// The object opted in (annotation <c>networking.cloudflare-operator.io/adopt: "true"</c>) to taking over an
    /// existing Cloudflare object of the same natural key that carries no ownership marker of ours.
    /// </summary>
    [JsonPropertyName("adopt")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Adopt { get; init; }

    public override ResourceType ResourceType => Type;

    public bool Equals(ObjectFragment? other) =>
        other is not null && Type == other.Type && Adopt == other.Adopt && JsonNode.DeepEquals(Desired, other.Desired);

    public override int GetHashCode() => HashCode.Combine(Type, Desired.Count);
}
