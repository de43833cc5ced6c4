using System.Text.Json.Nodes;
using CfSync.Core.Aggregation;
using CfSync.Core.Text;

namespace CfSync.Core.Objects;

/// <summary>A Zero Trust Gateway rule: <c>name</c> and a known <c>action</c> are required.</summary>
public sealed class GatewayRuleShape : IObjectShape
{
    private static readonly string[] Actions =
        ["on", "off", "allow", "block", "scan", "noscan", "safesearch", "ytrestricted", "isolate", "noisolate", "override", "l4_override", "egress", "audit_ssh", "resolve"];

    private static readonly string[] Filters = ["http", "dns", "l4", "egress"];

    public IEnumerable<FieldError> Validate(JsonObject desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        if (JsonFields.RequireString(desired, "name") is { } nameError)
        {
            yield return nameError;
        }

        if ((JsonFields.RequireString(desired, "action") ?? JsonFields.OneOf(desired, "action", Actions)) is { } actionError)
        {
            yield return actionError;
        }

        if (desired["filters"] is JsonArray filters)
        {
            for (var i = 0; i < filters.Count; i++)
            {
                var filter = filters[i]?.GetValue<string>();
                if (filter is null || !Filters.Contains(filter))
                {
                    yield return new FieldError($"filters[{i}]", $"'{Quote.Of(filter)}' is not one of: {string.Join(", ", Filters)}");
                }
            }
        }

        if (JsonFields.Integer(desired, "precedence") is < 0)
        {
            yield return new FieldError("precedence", "must not be negative");
        }
    }
}
