using System.Text.Json.Nodes;
using CfSync.Core.Aggregation;
using CfSync.Core.Dns;
using CfSync.Core.Fragments;
using CfSync.Core.Hashing;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Core.Tunnels;
using CsCheck;
using static CfSync.Core.Tests.TestData;

namespace CfSync.Core.Tests;

/// <summary>A tunnel's DNS records: the union of its sources' hostnames, one winner per name, the tunnel's conflict order.</summary>
public sealed class TunnelDnsAggregationTests
{
    private static readonly IResourceAggregator Aggregator = Aggregators.For(ResourceType.TunnelDnsRecords);

    private static SourceFragment Hostnames(Source source, params TunnelHostname[] hostnames) =>
        new(source, new TunnelHostnamesFragment(hostnames));

    private static SourceFragment Hostnames(Source source, params string[] names) =>
        Hostnames(source, names.Select(n => new TunnelHostname(n)).ToArray());

    private static TunnelDnsRecord[] Records(AggregateResult result) =>
        System.Text.Json.JsonSerializer.Deserialize<TunnelDnsRecordSet>(result.Desired!.Json, CoreJson.Options)!.Records.ToArray();

    [Fact]
    public void The_records_are_the_union_of_every_sources_hostnames_ordered_by_name_in_canonical_json()
    {
        var result = Aggregator.Aggregate(
        [
            Hostnames(Ingress("shop"), "shop.example.com", "*.shop.example.com"),
            Hostnames(new Source("TunnelBinding", "team-a", "api"), "API.example.com"),
        ]);

        Assert.Equal(
            """{"records":[{"name":"*.shop.example.com","proxied":true,"source":"Ingress/default/shop"},{"name":"api.example.com","proxied":true,"source":"TunnelBinding/team-a/api"},{"name":"shop.example.com","proxied":true,"source":"Ingress/default/shop"}]}""",
            result.Desired?.Json);
        Assert.Equal(ConfigHash.Of(JsonNode.Parse(result.Desired!.Json)), result.ConfigHash);
        Assert.All(result.Sources, s => Assert.Equal(SourceStatus.Accepted, s.Status));
    }

    [Fact]
    public void Proxied_and_adopt_are_carried_from_the_winners_fragment()
    {
        var result = Aggregator.Aggregate([Hostnames(Ingress("a"), new TunnelHostname("dns-only.example.com", Proxied: false, Adopt: true))]);
        Assert.Equal([new TunnelDnsRecord("dns-only.example.com", false, "Ingress/default/a", Adopt: true)], Records(result));
        Assert.Contains("\"adopt\":true", result.Desired!.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void No_hostname_gives_no_body_and_no_hash()
    {
        var result = Aggregator.Aggregate([Hostnames(Ingress("a"), Array.Empty<TunnelHostname>())]);
        Assert.Null(result.Desired);
        Assert.Null(result.ConfigHash);
        Assert.Equal(SourceStatus.Accepted, Assert.Single(result.Sources).Status);
        Assert.Null(Aggregator.Aggregate([]).Desired);
    }

    [Theory]
    [InlineData("app.example.com:443", "must not contain a port")]
    [InlineData("a.*.example.com", "may use '*' only as its whole first label")]
    [InlineData("*", "a DNS record needs a hostname")]
    [InlineData("", "a DNS record needs a hostname")]
    [InlineData("-bad.example.com", "has an invalid label")]
    public void An_invalid_hostname_rejects_its_source_whole_naming_the_field_and_the_others_still_count(string bad, string message)
    {
        var result = Aggregator.Aggregate(
        [
            Hostnames(Ingress("broken"), "fine.example.com", bad),
            Hostnames(Ingress("ok"), "ok.example.com"),
        ]);

        var broken = result.Sources.Single(s => s.Source.Name == "broken");
        Assert.Equal(SourceStatus.Rejected, broken.Status);
        var reason = Assert.Single(broken.Reasons);
        Assert.StartsWith("Ingress/default/broken: hostnames[1].name: ", reason, StringComparison.Ordinal);
        Assert.Contains(message, reason, StringComparison.Ordinal);
        Assert.Equal(["ok.example.com"], Records(result).Select(r => r.Name));
    }

    [Fact]
    public void A_hostname_two_sources_want_written_differently_goes_to_the_older_and_the_newer_keeps_its_other_hostnames()
    {
        var older = Hostnames(Ingress("older"), new TunnelHostname("shared.example.com", Proxied: true)) with { CreatedAt = DateTimeOffset.UnixEpoch };
        var newer = Hostnames(Ingress("newer"), new TunnelHostname("shared.example.com", Proxied: false), new TunnelHostname("own.example.com")) with
        {
            CreatedAt = DateTimeOffset.UnixEpoch.AddDays(1),
        };

        var result = Aggregator.Aggregate([newer, older]);

        Assert.Equal(
            [new TunnelDnsRecord("own.example.com", true, "Ingress/default/newer"), new TunnelDnsRecord("shared.example.com", true, "Ingress/default/older")],
            Records(result));
        var loser = result.Sources.Single(s => s.Source.Name == "newer");
        Assert.Equal(SourceStatus.Conflict, loser.Status);
        Assert.Equal(
            "Ingress/default/newer: hostnames[0] (shared.example.com, proxied false where the record is proxied true) conflicts with Ingress/default/older, which wins because it is older",
            Assert.Single(loser.Reasons));
        Assert.Equal(SourceStatus.Accepted, result.Sources.Single(s => s.Source.Name == "older").Status);
    }

    [Fact]
    public void Sources_sharing_a_hostname_on_different_paths_agree_on_its_record_and_are_both_accepted()
    {
        var result = Aggregator.Aggregate([Hostnames(Ingress("web"), "shop.example.com"), Hostnames(Ingress("api"), "shop.example.com")]);
        Assert.Equal([new TunnelDnsRecord("shop.example.com", true, "Ingress/default/api")], Records(result));
        Assert.All(result.Sources, s => Assert.Equal(SourceStatus.Accepted, s.Status));
    }

    [Fact]
    public void The_record_goes_to_the_source_whose_rule_wins_the_tunnel_configuration()
    {
        // Same sources, same ties (priority, age, key) in both resources: whoever serves the hostname owns its record.
        var sources = new[]
        {
            (Source: Ingress("b"), CreatedAt: (DateTimeOffset?)DateTimeOffset.UnixEpoch),
            (Source: Ingress("a"), CreatedAt: (DateTimeOffset?)null),
            (Source: new Source("HTTPRoute", "default", "c"), CreatedAt: (DateTimeOffset?)DateTimeOffset.UnixEpoch),
        };
        var tunnel = new TunnelConfigurationAggregator().Aggregate(
            sources.Select(s => Rules(s.Source, Rule("same.example.com")) with { CreatedAt = s.CreatedAt }).ToList());
        var dns = Aggregator.Aggregate(
            sources.Select(s => Hostnames(s.Source, new TunnelHostname("same.example.com", Proxied: s.Source.Name != "b")) with { CreatedAt = s.CreatedAt }).ToList());

        var tunnelWinner = tunnel.Sources.Single(s => s.Status == SourceStatus.Accepted).Source.Key;
        Assert.Equal("HTTPRoute/default/c", tunnelWinner);
        Assert.Equal(tunnelWinner, Assert.Single(Records(dns)).Source);
        Assert.Contains("conflicts with HTTPRoute/default/c", Assert.Single(dns.Sources.Single(s => s.Source.Name == "b").Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public void A_fragment_of_another_resource_is_rejected()
    {
        var result = Aggregator.Aggregate([Rules(Ingress("a"), Rule("a.example.com"))]);
        Assert.StartsWith("Ingress/default/a: kind: ", Assert.Single(Assert.Single(result.Sources).Reasons), StringComparison.Ordinal);
        Assert.Null(result.Desired);
    }

    private static readonly Gen<SourceFragment[]> SourcesGen =
        Gen.Select(
                Gen.Select(Gen.OneOfConst("a.example.com", "B.example.com", "*.example.com", "c.dev.example.com"), Gen.Bool, Gen.Bool)
                    .Select((name, proxied, adopt) => new TunnelHostname(name, proxied, adopt)).Array[0, 4],
                Gen.Int[0, 2])
            .Array[1, 8]
            .Select(items => items.Select((item, i) => Hostnames(Ingress($"ing{i}"), item.Item1) with
            {
                CreatedAt = item.Item2 == 0 ? null : DateTimeOffset.UnixEpoch.AddDays(item.Item2),
            }).ToArray());

    [Fact]
    public void Body_hash_and_statuses_do_not_depend_on_registration_order()
    {
        Gen.Select(SourcesGen, Gen.Int).Sample(pair =>
        {
            var (fragments, seed) = pair;
            var shuffled = fragments.ToArray();
            new Random(seed).Shuffle(shuffled);
            var first = Aggregator.Aggregate(fragments);
            var second = Aggregator.Aggregate(shuffled);
            Assert.Equal(first.Desired?.Json, second.Desired?.Json);
            Assert.Equal(first.ConfigHash, second.ConfigHash);
            Assert.Equal(first.Sources.Select(s => (s.Source.Key, s.Status)), second.Sources.Select(s => (s.Source.Key, s.Status)));
        });
    }
}
