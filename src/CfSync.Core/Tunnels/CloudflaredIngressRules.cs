using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Core.Hashing;

namespace CfSync.Core.Tunnels;

/// <summary>
/// Validates a whole tunnel configuration (the <c>config</c> object of a PUT) the way cloudflared does
/// when it loads it: every rule's shape, then the catch-all rules: only the last rule may match every
/// request, and the last rule must.
/// </summary>
public static class CloudflaredIngressRules
{
    public const string LastRuleMustMatchAll =
        "The last ingress rule must match all URLs (i.e. it should not have a hostname or path filter)";

    /// <summary>Returns cloudflared-style messages; empty when the configuration is valid.</summary>
    public static IReadOnlyList<string> ValidateConfiguration(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var errors = new List<string>();
        if (config.TryGetPropertyValue("originRequest", out var originNode) && originNode is not null)
        {
            var origin = Read<OriginRequest>(originNode, "originRequest", errors);
            errors.AddRange(OriginRequestRules.Validate(origin).Select(e => $"originRequest.{e}"));
        }

        if (!config.TryGetPropertyValue("ingress", out var ingressNode) || ingressNode is null)
        {
            return errors;
        }

        var rules = Read<List<IngressRule>>(ingressNode, "ingress", errors);
        if (rules is null)
        {
            return errors;
        }

        for (var index = 0; index < rules.Count; index++)
        {
            var rule = rules[index];
            var number = index + 1;
            errors.AddRange(IngressRuleValidator.ValidateShape(rule).Select(e => $"Rule #{number}: {e}"));
            if (rule.IsCatchAll && index < rules.Count - 1)
            {
                errors.Add($"Rule #{number} is matching all URLs, but it's not the last rule");
            }
        }

        if (rules.Count > 0 && !rules[^1].IsCatchAll)
        {
            errors.Add(LastRuleMustMatchAll);
        }

        return errors;
    }

    private static T? Read<T>(JsonNode node, string field, List<string> errors)
        where T : class
    {
        try
        {
            return node.Deserialize<T>(CoreJson.Options);
        }
        catch (JsonException ex)
        {
            errors.Add($"{field}: malformed ({ex.Message})");
            return null;
        }
    }
}
