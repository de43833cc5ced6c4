using CfSync.Core.Aggregation;
using CfSync.Core.Fragments;
using CfSync.Core.Hashing;
using CfSync.Core.Resources;
using CfSync.Core.Text;

namespace CfSync.Core.Tunnels;

/// <summary>
/// Builds the body of <c>PUT /accounts/{account}/cfd_tunnel/{tunnel}/configurations</c> from every fragment
/// of one tunnel. Invalid fragments are left out whole (their source is Rejected); when two sources claim the
/// same hostname and path, <see cref="ConflictOrder"/> picks the winner and the loser's other rules stay in.
/// Without a settings source the tunnel gets the defaults: warp-routing off, fallback http_status:404. Without any
/// fragment there is no body: a tunnel whose sources all left is sent nothing more (it goes with its Tunnel object).
/// </summary>
public sealed class TunnelConfigurationAggregator : IResourceAggregator
{
    public ResourceType ResourceType => ResourceType.TunnelConfiguration;

    public AggregateResult Aggregate(IReadOnlyCollection<SourceFragment> fragments)
    {
        ArgumentNullException.ThrowIfNull(fragments);
        if (fragments.Count == 0)
        {
            return new AggregateResult(null, null, []);
        }

        var outcomes = new Outcomes();
        var settings = ChooseSettings(fragments, outcomes);
        var rules = CollectRules(fragments, outcomes);

        var body = TunnelConfigurationWriter.Write(rules, settings).WrittenSpan;
        return new AggregateResult(new DesiredBody(System.Text.Encoding.UTF8.GetString(body)), ConfigHash.Of(body), outcomes.ToList());
    }

    private static TunnelSettingsFragment ChooseSettings(IReadOnlyCollection<SourceFragment> fragments, Outcomes outcomes) =>
        outcomes.ChooseOwner(
            fragments.Where(f => f.Fragment is TunnelSettingsFragment),
            candidate => ValidateSettings((TunnelSettingsFragment)candidate.Fragment).ToList(),
            "tunnel settings (warp-routing, fallbackTarget, originRequest)")?.Fragment as TunnelSettingsFragment
        ?? TunnelSettingsFragment.Defaults;

    private static IEnumerable<FieldError> ValidateSettings(TunnelSettingsFragment settings)
    {
        if (settings.FallbackTarget is not null && ServiceRules.Validate(settings.FallbackTarget) is { } error)
        {
            yield return new FieldError("fallbackTarget", error);
        }

        foreach (var originError in OriginRequestRules.Validate(settings.OriginRequest))
        {
            yield return originError.Under("originRequest");
        }
    }

    private static List<OrderedRule> CollectRules(IReadOnlyCollection<SourceFragment> fragments, Outcomes outcomes)
    {
        var winners = new Dictionary<(string? Hostname, string? Path), OrderedRule>();
        foreach (var contribution in fragments.Where(f => f.Fragment is not TunnelSettingsFragment).Order(ConflictOrder.Instance))
        {
            if (contribution.Fragment is not IngressRulesFragment fragment)
            {
                outcomes.Reject(contribution.Source, [new FieldError("kind", $"a {contribution.Fragment.ResourceType} fragment cannot be part of a tunnel configuration")]);
                continue;
            }

            var errors = fragment.Rules
                .SelectMany((rule, index) => IngressRuleValidator.Validate(rule).Select(e => e.Under(Describe(index, rule))))
                .ToList();
            if (errors.Count > 0)
            {
                outcomes.Reject(contribution.Source, errors);
                continue;
            }

            outcomes.Accept(contribution.Source);
            for (var index = 0; index < fragment.Rules.Count; index++)
            {
                var rule = Normalize(fragment.Rules[index]);
                var key = (rule.Hostname, rule.Path);
                if (winners.TryGetValue(key, out var existing))
                {
                    outcomes.Conflict(contribution, existing.Contribution, Describe(index, rule));
                    continue;
                }

                winners.Add(key, new OrderedRule(rule, contribution));
            }
        }

        var ordered = winners.Values.ToList();
        ordered.Sort();
        return ordered;
    }

    private static IngressRule Normalize(IngressRule rule)
    {
        var hostname = HostnameRules.Normalize(rule.Hostname);
        var path = string.IsNullOrEmpty(rule.Path) ? null : rule.Path;
        var origin = rule.OriginRequest is { IsEmpty: true } ? null : rule.OriginRequest;
        return hostname == rule.Hostname && path == rule.Path && origin == rule.OriginRequest
            ? rule
            : rule with { Hostname = hostname, Path = path, OriginRequest = origin };
    }

    private static string Describe(int index, IngressRule rule) =>
        $"rules[{index}] ({Quote.Of(rule.Hostname ?? "*")}{(rule.Path is null ? string.Empty : " " + Quote.Of(rule.Path))})";
}
