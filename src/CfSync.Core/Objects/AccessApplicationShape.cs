using System.Text.Json.Nodes;
using CfSync.Core.Aggregation;
using CfSync.Core.Formats;
using CfSync.Core.Text;

namespace CfSync.Core.Objects;

/// <summary>An Access application: a known type, a name, and a domain for the types served on one.</summary>
public sealed class AccessApplicationShape : IObjectShape
{
    private static readonly string[] Types =
        ["self_hosted", "saas", "ssh", "vnc", "app_launcher", "warp", "biso", "bookmark", "dash_sso", "infrastructure"];

    private static readonly string[] NeedDomain = ["self_hosted", "ssh", "vnc", "bookmark"];

    public IEnumerable<FieldError> Validate(JsonObject desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        if (JsonFields.OneOf(desired, "type", Types) is { } typeError)
        {
            yield return typeError;
        }

        if (JsonFields.RequireString(desired, "name") is { } nameError)
        {
            yield return nameError;
        }

        var type = JsonFields.String(desired, "type") ?? "self_hosted";
        if (NeedDomain.Contains(type) && JsonFields.RequireString(desired, "domain") is { } domainError)
        {
            yield return domainError with { Message = $"is required for a {type} application" };
        }

        if (JsonFields.String(desired, "session_duration") is { } duration && !GoDuration.TryParse(duration, out _))
        {
            yield return new FieldError("session_duration", $"'{Quote.Of(duration)}' is not a duration such as 24h or 30m");
        }
    }
}
