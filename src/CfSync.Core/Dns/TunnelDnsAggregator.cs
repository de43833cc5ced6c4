using System.Text.Json;
using CfSync.Core.Aggregation;
using CfSync.Core.Fragments;
using CfSync.Core.Hashing;
using CfSync.Core.Resources;
using CfSync.Core.Text;
using CfSync.Core.Tunnels;

namespace CfSync.Core.Dns;

/// <summary>
/// Builds a tunnel's DNS record set from every hostname its sources serve. A fragment with an invalid hostname is left
/// out whole (its source is Rejected). When two sources name one hostname, <see cref="ConflictOrder"/> (the order that
/// also picks the tunnel's rule for it) gives the record to the first; the other is in Conflict only when it wants the
/// record written otherwise (proxied or not); its other hostnames still count. No hostname at all: no body.
/// </summary>
public sealed class TunnelDnsAggregator : IResourceAggregator
{
    public ResourceType ResourceType => ResourceType.TunnelDnsRecords;

    public AggregateResult Aggregate(IReadOnlyCollection<SourceFragment> fragments)
    {
        ArgumentNullException.ThrowIfNull(fragments);
        var outcomes = new Outcomes();
        var winners = new SortedDictionary<string, (TunnelHostname Hostname, SourceFragment Contribution)>(StringComparer.Ordinal);
        foreach (var contribution in fragments.Order(ConflictOrder.Instance))
        {
            if (contribution.Fragment is not TunnelHostnamesFragment fragment)
            {
                outcomes.Reject(contribution.Source, [new FieldError("kind", $"a {contribution.Fragment.ResourceType} fragment cannot be part of a tunnel's DNS records")]);
                continue;
            }

            var errors = fragment.Hostnames.SelectMany(Validate).ToList();
            if (errors.Count > 0)
            {
                outcomes.Reject(contribution.Source, errors);
                continue;
            }

            outcomes.Accept(contribution.Source);
            for (var index = 0; index < fragment.Hostnames.Count; index++)
            {
                var hostname = fragment.Hostnames[index] with { Name = HostnameRules.Normalize(fragment.Hostnames[index].Name)! };
                if (!winners.TryGetValue(hostname.Name, out var existing))
                {
                    winners.Add(hostname.Name, (hostname, contribution));
                }
                else if (existing.Hostname.Proxied != hostname.Proxied)
                {
                    outcomes.Conflict(contribution, existing.Contribution, $"hostnames[{index}] ({Quote.Of(hostname.Name)}, proxied {Flag(hostname.Proxied)} where the record is proxied {Flag(existing.Hostname.Proxied)})");
                }
            }
        }

        if (winners.Count == 0)
        {
            return new AggregateResult(null, null, outcomes.ToList());
        }

        var records = winners.Values.Select(w => new TunnelDnsRecord(w.Hostname.Name, w.Hostname.Proxied, w.Contribution.Source.Key, w.Hostname.Adopt)).ToList();
        var body = CanonicalJson.ToUtf8(JsonSerializer.SerializeToNode(new TunnelDnsRecordSet(records), CoreJson.Options));
        return new AggregateResult(new DesiredBody(System.Text.Encoding.UTF8.GetString(body)), ConfigHash.Of(body), outcomes.ToList());
    }

    // A record needs a name: "" and "*" (every host of the tunnel) are not hostnames DNS can hold.
    private static IEnumerable<FieldError> Validate(TunnelHostname hostname, int index)
    {
        var error = HostnameRules.MatchesAllHosts(hostname.Name)
            ? $"'{Quote.Of(hostname.Name)}' matches every host: a DNS record needs a hostname"
            : HostnameRules.Validate(hostname.Name);
        return error is null ? [] : [new FieldError($"hostnames[{index}].name", error)];
    }

    private static string Flag(bool value) => value ? "true" : "false";
}
