using CfSync.Core.Tunnels;

namespace CfSync.Translation.Translators;

/// <summary>The fields of the user's object that one ingress rule's hostname, path and service came from.</summary>
internal sealed record RuleFields(string Hostname, string Path, string Service);

/// <summary>
/// Runs the core's checks on each rule a translator builds, reporting them against the fields the user wrote
/// (<c>spec.rules[1].host</c>): the aggregate checks them again but only knows the rule's index in the flattened
/// list. The origin request is checked once where it is converted, not per rule.
/// </summary>
internal static class RuleChecks
{
    public static void Check(IngressRule rule, RuleFields fields, List<Problem> problems)
    {
        foreach (var error in IngressRuleValidator.Validate(rule with { OriginRequest = null }))
        {
            var field = error.Field switch
            {
                "hostname" => fields.Hostname,
                "path" => fields.Path,
                "service" => fields.Service,
                _ => error.Field,
            };
            var problem = new Problem(field, error.Message);

            // A host rule with several paths would report a bad host once per path.
            if (!problems.Contains(problem))
            {
                problems.Add(problem);
            }
        }
    }
}
