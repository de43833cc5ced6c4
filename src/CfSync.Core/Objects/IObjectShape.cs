using System.Text.Json.Nodes;
using CfSync.Core.Aggregation;

namespace CfSync.Core.Objects;

/// <summary>Validates the desired body of one kind of 1:1 Cloudflare object before it is ever sent.</summary>
public interface IObjectShape
{
    IEnumerable<FieldError> Validate(JsonObject desired);
}
