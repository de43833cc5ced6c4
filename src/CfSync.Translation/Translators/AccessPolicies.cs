using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Translation.Models;

namespace CfSync.Translation.Translators;

/// <summary>
/// An AccessApplication's policies -> the application request's embedded <c>policies</c> (include, exclude, require of
/// Cloudflare's access rules). A policy with any part CfSync cannot translate (a group or IdP that needs a look-up by
/// name, a rule type Cloudflare's rules do not have in this form) is left out whole, with a warning naming the field,
/// so no policy is ever applied wider than written; a deny policy cannot be left out (that would let in whom it denies),
/// so it rejects the application instead.
/// </summary>
internal static class AccessPolicies
{
    private delegate JsonObject? RuleTranslation(JsonNode value);

    // CRD rule type -> Cloudflare's access_rule. Rule types with a list (ipRanges, country) become one rule per value.
    private static readonly Dictionary<string, RuleTranslation> Rules = new(StringComparer.Ordinal)
    {
        ["email"] = v => Rule("email", ("email", Text(v, "email"))),
        ["emailDomain"] = v => Rule("email_domain", ("domain", Text(v, "domain"))),
        ["emailList"] = v => Rule("email_list", ("id", Text(v, "id"))),
        ["ipList"] = v => Rule("ip_list", ("id", Text(v, "id"))),
        ["group"] = v => Rule("group", ("id", Text(v, "id"))),
        ["azure"] = v => Rule("azureAD", ("id", Text(v, "id")), ("connection_id", Text(v, "identityProviderId"))),
        ["gsuite"] = v => Rule("gsuite", ("email", Text(v, "email")), ("connection_id", Text(v, "identityProviderId"))),
        ["serviceToken"] = v => Rule("service_token", ("token_id", Text(v, "tokenId"))),
        ["externalEvaluation"] = v => Rule("external_evaluation", ("evaluate_url", Text(v, "evaluateUrl")), ("keys_url", Text(v, "keysUrl"))),
        ["authMethod"] = v => Rule("auth_method", ("auth_method", Text(v, "authMethod"))),
        ["devicePosture"] = v => Rule("device_posture", ("integration_uid", Text(v, "integrationUid"))),
        ["github"] = v => v["teams"] is JsonArray { Count: > 0 } ? null : Rule("github-organization", ("name", Text(v, "name")), ("connection_id", Text(v, "identityProviderId"))),
        ["everyone"] = v => Flag(v, "everyone"),
        ["certificate"] = v => Flag(v, "certificate"),
        ["anyValidServiceToken"] = v => Flag(v, "any_valid_service_token"),
    };

    private static readonly Dictionary<string, (string Key, string Field, string Item)> ListRules = new(StringComparer.Ordinal)
    {
        ["ipRanges"] = ("ip", "ip", "ip"),
        ["country"] = ("geo", "country", "country_code"),
    };

    private static readonly JsonObject NoRule = [];

    public sealed record Result(JsonArray? Policies, IReadOnlyList<Problem> Warnings, Problem? Rejection);

    public static Result Translate(IReadOnlyList<AccessPolicy>? policies, string applicationName)
    {
        if (policies is null)
        {
            return new Result(null, [], null);
        }

        var translated = new JsonArray();
        var warnings = new List<Problem>();

        // Cloudflare wants precedences unique: a policy without one takes the smallest no other policy has.
        var taken = policies.Select(p => p.Precedence).OfType<int>().ToHashSet();
        var next = 1;
        for (var i = 0; i < policies.Count; i++)
        {
            var policy = policies[i];
            var path = $"spec.policies[{i}]";
            var decision = string.IsNullOrEmpty(policy.Decision) ? "allow" : policy.Decision;
            var precedence = policy.Precedence ?? NextFree(taken, ref next);
            var name = string.IsNullOrEmpty(policy.PolicyName) ? $"{applicationName}-{precedence}" : policy.PolicyName;
            var problems = new List<string>();
            var include = Translate(policy.Include, $"{path}.include", false, problems);
            var exclude = Translate(policy.Exclude, $"{path}.exclude", false, problems);
            var require = Translate(policy.Require, $"{path}.require", true, problems);
            if (policy.Include is not { Count: > 0 })
            {
                // Simple mode: the policy is an Access group.
                if (!string.IsNullOrEmpty(policy.GroupId))
                {
                    include.Add(Rule("group", ("id", policy.GroupId)));
                }
                else if (!string.IsNullOrEmpty(policy.Name) || !string.IsNullOrEmpty(policy.CloudflareGroupName))
                {
                    problems.Add(!string.IsNullOrEmpty(policy.Name) ? $"{path}.name" : $"{path}.cloudflareGroupName");
                }
                else
                {
                    problems.Add($"{path}.include");
                }
            }

            if (problems.Count > 0)
            {
                var problem = new Problem(string.Join(", ", problems), $"cannot be applied yet (a look-up by name, or a rule CfSync does not translate); policy '{name}'");
                if (decision == "deny")
                {
                    return new Result(null, warnings, problem with { Message = problem.Message + " denies access, and the application without it would let in whom it denies" });
                }

                warnings.Add(problem with { Message = problem.Message + " is left out" });
                continue;
            }

            var body = new JsonObject
            {
                ["name"] = name,
                ["decision"] = decision,
                ["precedence"] = precedence,
                ["include"] = include,
                ["exclude"] = exclude,
                ["require"] = require,
            };
            if (!string.IsNullOrEmpty(policy.SessionDuration))
            {
                body["session_duration"] = policy.SessionDuration;
            }

            translated.Add(body);
        }

        return new Result(translated, warnings, null);
    }

    private static int NextFree(HashSet<int> taken, ref int next)
    {
        while (taken.Contains(next))
        {
            next++;
        }

        taken.Add(next);
        return next;
    }

    private static JsonArray Translate(IReadOnlyList<JsonObject>? rules, string path, bool allRequired, List<string> problems)
    {
        var translated = new JsonArray();
        for (var i = 0; i < (rules?.Count ?? 0); i++)
        {
            foreach (var (type, value) in rules![i])
            {
                var field = $"{path}[{i}].{type}";
                if (value is null)
                {
                    continue;
                }

                if (ListRules.TryGetValue(type, out var list))
                {
                    var items = (value[list.Field] as JsonArray ?? []).Select(item => Rule(list.Key, (list.Item, Text(item)))).ToList();

                    // Required rules must all match: several values of one list rule cannot be required one by one.
                    if (items.Count == 0 || items.Contains(null) || (allRequired && items.Count > 1))
                    {
                        problems.Add(field);
                        continue;
                    }

                    foreach (var item in items)
                    {
                        translated.Add(item);
                    }
                }
                else if (Rules.TryGetValue(type, out var translate) && translate(value) is { } rule)
                {
                    if (!ReferenceEquals(rule, NoRule))
                    {
                        translated.Add(rule);
                    }
                }
                else
                {
                    problems.Add(field);
                }
            }
        }

        return translated;
    }

    private static JsonObject? Rule(string type, params (string Name, string? Value)[] fields)
    {
        if (fields.Any(f => string.IsNullOrEmpty(f.Value)))
        {
            return null;
        }

        var inner = new JsonObject();
        foreach (var (name, value) in fields)
        {
            inner[name] = value;
        }

        return new JsonObject { [type] = inner };
    }

    // true: the rule with an empty body; false asks for nothing.
    private static JsonObject? Flag(JsonNode value, string type) => value.GetValueKind() switch
    {
        JsonValueKind.True => new JsonObject { [type] = new JsonObject() },
        JsonValueKind.False => NoRule,
        _ => null,
    };

    private static string? Text(JsonNode value, string name) => value is JsonObject obj ? Text(obj[name]) : null;

    private static string? Text(JsonNode? value) =>
        value is JsonValue text && text.GetValueKind() == JsonValueKind.String ? text.GetValue<string>() : null;
}
