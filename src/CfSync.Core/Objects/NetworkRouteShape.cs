using System.Net;
using System.Text.Json.Nodes;
using CfSync.Core.Aggregation;
using CfSync.Core.Text;

namespace CfSync.Core.Objects;

/// <summary>A private network route: <c>network</c> (CIDR) and <c>tunnel_id</c> are required.</summary>
public sealed class NetworkRouteShape : IObjectShape
{
    public IEnumerable<FieldError> Validate(JsonObject desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var network = JsonFields.String(desired, "network");
        if (network is null || !IPNetwork.TryParse(network, out var parsed) || parsed.ToString() != network)
        {
            yield return new FieldError("network", $"'{Quote.Of(network)}' is not a network in CIDR form with no host bits set, e.g. 10.0.0.0/8");
        }

        if (JsonFields.RequireString(desired, "tunnel_id") is { } tunnelError)
        {
            yield return tunnelError;
        }
    }
}
