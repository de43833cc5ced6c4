using System.Text.Json.Nodes;
using CfSync.Core.Aggregation;
using CfSync.Core.Fragments;
using CfSync.Core.Sources;
using CfSync.Core.Tunnels;
using CsCheck;

namespace CfSync.Core.Tests;

/// <summary>Properties over random sets of sources: order never matters and no accepted rule is lost.</summary>
public sealed class AggregationPropertyTests
{
    private static readonly string[] Hosts = ["a.example.com", "b.example.com", "*.example.com", "c.dev.example.com", "*.dev.example.com"];
    private static readonly string?[] PathsPool = [null, "^/api(/.*)?$", "^/api$", "^/v1(/.*)?$", "^/a[0-9]+"];

    private static readonly Gen<IngressRule> RuleGen =
        Gen.Select(Gen.OneOfConst(Hosts), Gen.OneOfConst(PathsPool), Gen.Int[1, 5])
            .Select((host, path, port) => new IngressRule(host, path, $"http://svc{port}.default.svc:80"));

    private static readonly Gen<SourceFragment[]> SourcesGen =
        Gen.Select(RuleGen.Array[1, 6], Gen.Int[0, 3]).Array[1, 12].Select(items =>
            items.Select((item, i) => TestData.Rules(TestData.Ingress($"ing{i}", i % 2 == 0 ? "default" : "other"), item.Item1) with
            {
                CreatedAt = item.Item2 == 0 ? null : DateTimeOffset.UnixEpoch.AddDays(item.Item2),
            }).Append(TestData.Settings(true, "http_status:503")).ToArray());

    [Fact]
    public void Body_and_hash_do_not_depend_on_registration_order()
    {
        Gen.Select(SourcesGen, Gen.Int).Sample((fragments, seed) => TestData.AssertOrderDoesNotMatter(new TunnelConfigurationAggregator(), fragments, seed));
    }

    [Fact]
    public void Every_hostname_and_path_any_accepted_source_asked_for_is_in_the_body_once()
    {
        SourcesGen.Sample(fragments =>
        {
            var result = new TunnelConfigurationAggregator().Aggregate(fragments);
            var ingress = JsonNode.Parse(result.Desired!.Json)!["config"]!["ingress"]!.AsArray();
            var sent = ingress.Select(r => (r!["hostname"]?.GetValue<string>(), r["path"]?.GetValue<string>())).ToList();
            var asked = fragments.Select(f => f.Fragment).OfType<IngressRulesFragment>()
                .SelectMany(f => f.Rules).Select(r => (r.Hostname, r.Path)).Distinct();
            foreach (var key in asked)
            {
                Assert.Equal(1, sent.Count(s => s == key));
            }

            Assert.Equal(sent.Count - 1, sent.Distinct().Count() - 1);
            Assert.Equal((null, null), sent[^1]);
            Assert.Empty(CloudflaredIngressRules.ValidateConfiguration(JsonNode.Parse(result.Desired!.Json)!["config"]!.AsObject()));
        });
    }

    [Fact]
    public void Each_losing_rule_names_a_winner_that_really_holds_the_rule()
    {
        SourcesGen.Sample(fragments =>
        {
            var result = new TunnelConfigurationAggregator().Aggregate(fragments);
            foreach (var outcome in result.Sources.Where(s => s.Status == SourceStatus.Conflict))
            {
                Assert.All(outcome.Reasons, reason => Assert.Contains("conflicts with", reason, StringComparison.Ordinal));
            }

            Assert.DoesNotContain(result.Sources, s => s.Status == SourceStatus.Rejected);
        });
    }

    [Fact]
    public void A_source_whose_rules_all_lose_still_reports_every_lost_rule()
    {
        var winner = TestData.Rules(new Source("Ingress", "default", "a"), TestData.Rule("x.example.com"), TestData.Rule("y.example.com"));
        var loser = TestData.Rules(new Source("Ingress", "default", "b"), TestData.Rule("x.example.com"), TestData.Rule("y.example.com"));
        var outcome = new TunnelConfigurationAggregator().Aggregate([loser, winner]).Sources.Single(s => s.Source.Name == "b");
        Assert.Equal(2, outcome.Reasons.Count);
    }
}
