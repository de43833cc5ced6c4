using System.Text.Json.Nodes;

namespace CfSync.Cloudflare.Emulator.Api;

/// <summary>GET /zones with name operators (equal, not_equal, starts_with, ends_with, contains), status, account filters.</summary>
internal sealed class ZoneHandlers(EmulatorStore store)
{
    public ApiResponse List(ApiRequest request)
    {
        IEnumerable<JsonObject> zones = store.Zones.Values;
        if (request.Q("name") is { } name)
        {
            zones = zones.Where(z => MatchesOperator(z["name"]!.GetValue<string>(), name));
        }

        if (request.Q("status") is { } status)
        {
            zones = zones.Where(z => z["status"]!.GetValue<string>() == status);
        }

        if (request.Q("account.id") is { } accountId)
        {
            zones = zones.Where(z => z["account"]?["id"]?.GetValue<string>() == accountId);
        }

        return ApiResponse.Page([.. zones.OrderBy(z => z["name"]!.GetValue<string>(), StringComparer.Ordinal)], request.QInt("page", 1), request.QInt("per_page", 20));
    }

    private static bool MatchesOperator(string value, string filter)
    {
        var split = filter.IndexOf(':', StringComparison.Ordinal);
        var (op, operand) = split > 0 ? (filter[..split], filter[(split + 1)..]) : ("equal", filter);
        var comparison = op.EndsWith("_case_sensitive", StringComparison.Ordinal) ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        return op.Replace("_case_sensitive", string.Empty, StringComparison.Ordinal) switch
        {
            "not_equal" => !string.Equals(value, operand, comparison),
            "starts_with" => value.StartsWith(operand, comparison),
            "ends_with" => value.EndsWith(operand, comparison),
            "contains" => value.Contains(operand, comparison),
            _ => string.Equals(value, filter, comparison),
        };
    }
}
