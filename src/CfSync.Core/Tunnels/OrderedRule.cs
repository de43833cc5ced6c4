using CfSync.Core.Fragments;

namespace CfSync.Core.Tunnels;

/// <summary>
/// A winning rule with the sort key that decides its place. cloudflared takes the first rule that matches,
/// so: exact hostnames before wildcards that could shadow them (narrower wildcards first), hostname-less
/// path rules after both; within one hostname, rules with a path before the bare hostname, exact paths before
/// patterns, longer literal prefixes first; ordinal text breaks every remaining tie.
/// </summary>
internal sealed class OrderedRule : IComparable<OrderedRule>
{
    private readonly int hostGroup;
    private readonly int wildcardLabels;
    private readonly bool hasPath;
    private readonly bool exactPath;
    private readonly int literalPrefix;

    public OrderedRule(IngressRule rule, SourceFragment contribution)
    {
        Rule = rule;
        Contribution = contribution;
        var host = rule.Hostname;
        hostGroup = host is null ? 2 : HostnameRules.IsWildcard(host) ? 1 : 0;
        wildcardLabels = hostGroup == 1 ? host!.Count(c => c == '.') : 0;
        hasPath = rule.Path is not null;
        (literalPrefix, exactPath) = hasPath ? PathPatterns.Specificity(rule.Path!) : (0, false);
    }

    public IngressRule Rule { get; }

    public SourceFragment Contribution { get; }

    public int CompareTo(OrderedRule? other)
    {
        if (other is null)
        {
            return -1;
        }

        int c;
        if ((c = hostGroup.CompareTo(other.hostGroup)) != 0
            || (c = other.wildcardLabels.CompareTo(wildcardLabels)) != 0
            || (c = string.CompareOrdinal(Rule.Hostname, other.Rule.Hostname)) != 0
            || (c = other.hasPath.CompareTo(hasPath)) != 0
            || (c = other.exactPath.CompareTo(exactPath)) != 0
            || (c = other.literalPrefix.CompareTo(literalPrefix)) != 0)
        {
            return c;
        }

        return string.CompareOrdinal(Rule.Path, other.Rule.Path);
    }
}
