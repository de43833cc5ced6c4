using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Core.Aggregation;
using CfSync.Core.Fragments;
using CfSync.Core.Hashing;
using CfSync.Core.Sources;
using CfSync.Core.Tunnels;
using static CfSync.Core.Tests.TestData;

namespace CfSync.Core.Tests;

public sealed class TunnelAggregationTests
{
    private static readonly TunnelConfigurationAggregator Aggregator = new();

    private static JsonObject Config(AggregateResult result) =>
        JsonNode.Parse(result.Desired!.Json)!["config"]!.AsObject();

    private static string[] Hosts(AggregateResult result) =>
        Config(result)["ingress"]!.AsArray().Select(r => (r!["hostname"]?.GetValue<string>() ?? "*") + (r["path"]?.GetValue<string>() ?? string.Empty)).ToArray();

    [Fact]
    public void Seed_example_aggregates_to_the_designed_body()
    {
        var result = Aggregator.Aggregate(
        [
            Settings(true, "http_status:404"),
            Rules(Ingress("my-app"), Rule("app.example.com", "http://my-app-svc:80")),
            Rules(new Source("TunnelBinding", "default", "my-binding"), Rule("api.example.com", "http://my-api-svc:8080")),
        ]);

        Assert.Equal(
            """{"config":{"ingress":[{"hostname":"api.example.com","service":"http://my-api-svc:8080"},{"hostname":"app.example.com","service":"http://my-app-svc:80"},{"service":"http_status:404"}],"warp-routing":{"enabled":true}}}""",
            result.Desired?.Json);
        Assert.All(result.Sources, s => Assert.Equal(SourceStatus.Accepted, s.Status));
        Assert.Equal(ConfigHash.Of(JsonNode.Parse(result.Desired!.Json)), result.ConfigHash);
    }

    [Fact]
    public void Without_a_settings_source_the_defaults_apply()
    {
        var result = Aggregator.Aggregate([Rules(Ingress("a"), Rule("a.example.com"))]);
        Assert.False(Config(result)["warp-routing"]!["enabled"]!.GetValue<bool>());
        Assert.Equal("http_status:404", Config(result)["ingress"]![1]!["service"]!.GetValue<string>());
    }

    [Fact]
    public void Warp_routing_and_fallback_survive_when_every_rule_source_is_gone()
    {
        var result = Aggregator.Aggregate([Settings(true, "http_status:503")]);
        Assert.Equal("""{"config":{"ingress":[{"service":"http_status:503"}],"warp-routing":{"enabled":true}}}""", result.Desired?.Json);
    }

    [Fact]
    public void Exact_hosts_come_before_wildcards_and_narrow_wildcards_before_wide_ones()
    {
        var result = Aggregator.Aggregate([Rules(Ingress("a"),
            Rule("*.example.com"), Rule("app.example.com"), Rule("*.dev.example.com"), Rule("zeta.dev.example.com"))]);
        Assert.Equal(["app.example.com", "zeta.dev.example.com", "*.dev.example.com", "*.example.com", "*"], Hosts(result));
    }

    [Fact]
    public void Within_a_host_specific_paths_come_first_and_the_bare_host_last()
    {
        var result = Aggregator.Aggregate([Rules(Ingress("a"),
            Rule("a.example.com"),
            Rule("a.example.com", path: PathPatterns.Prefix("/api")),
            Rule("a.example.com", path: PathPatterns.Prefix("/api/v1")),
            Rule("a.example.com", path: PathPatterns.Exact("/api")))]);
        Assert.Equal(
            [@"a.example.com^/api$", "a.example.com^/api/v1(/.*)?$", "a.example.com^/api(/.*)?$", "a.example.com", "*"],
            Hosts(result));
    }

    [Fact]
    public void Host_less_path_rules_come_after_every_host_rule()
    {
        var result = Aggregator.Aggregate([Rules(Ingress("a"), Rule(null, path: "^/healthz$"), Rule("*.example.com"))]);
        Assert.Equal(["*.example.com", "*^/healthz$", "*"], Hosts(result));
    }

    [Fact]
    public void Same_host_and_path_from_two_sources_is_a_conflict_won_by_the_older_source()
    {
        var older = Rules(Ingress("zz-old"), Rule("app.example.com", "http://old:80")) with { CreatedAt = DateTimeOffset.Parse("2025-01-01T00:00:00Z", null) };
        var newer = Rules(Ingress("aa-new"), Rule("app.example.com", "http://new:80"), Rule("other.example.com")) with { CreatedAt = DateTimeOffset.Parse("2026-01-01T00:00:00Z", null) };

        var result = Aggregator.Aggregate([newer, older]);

        Assert.Contains("http://old:80", result.Desired?.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("http://new:80", result.Desired?.Json, StringComparison.Ordinal);
        Assert.Contains("other.example.com", result.Desired?.Json, StringComparison.Ordinal);
        var loser = result.Sources.Single(s => s.Source.Name == "aa-new");
        Assert.Equal(SourceStatus.Conflict, loser.Status);
        Assert.Contains("Ingress/default/zz-old", Assert.Single(loser.Reasons), StringComparison.Ordinal);
        Assert.Equal(SourceStatus.Accepted, result.Sources.Single(s => s.Source.Name == "zz-old").Status);
    }

    [Fact]
    public void Conflict_winner_without_ages_is_the_lower_key_not_the_first_registered()
    {
        var b = Rules(Ingress("b"), Rule("app.example.com", "http://b:80"));
        var a = Rules(Ingress("a"), Rule("app.example.com", "http://a:80"));
        Assert.Contains("http://a:80", Aggregator.Aggregate([b, a]).Desired?.Json, StringComparison.Ordinal);
        Assert.Contains("http://a:80", Aggregator.Aggregate([a, b]).Desired?.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void Lower_priority_number_wins_over_age()
    {
        var old = Rules(Ingress("old"), Rule("app.example.com", "http://old:80")) with { CreatedAt = DateTimeOffset.UnixEpoch };
        var preferred = Rules(Ingress("preferred"), Rule("app.example.com", "http://preferred:80")) with { Priority = 50 };
        var result = Aggregator.Aggregate([old, preferred]);
        Assert.Contains("http://preferred:80", result.Desired?.Json, StringComparison.Ordinal);
        Assert.Contains("priority 50 beats 100", result.Sources.Single(s => s.Source.Name == "old").Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Hostnames_differing_only_in_case_conflict()
    {
        var result = Aggregator.Aggregate([Rules(Ingress("a"), Rule("App.Example.com")), Rules(Ingress("b"), Rule("app.example.com"))]);
        Assert.Equal(SourceStatus.Conflict, result.Sources.Single(s => s.Source.Name == "b").Status);
        Assert.Equal(["app.example.com", "*"], Hosts(result));
    }

    [Fact]
    public void A_duplicate_inside_one_source_is_reported_not_silently_dropped()
    {
        var result = Aggregator.Aggregate([Rules(Ingress("a"), Rule("a.example.com", "http://one:80"), Rule("a.example.com", "http://two:80"))]);
        var outcome = Assert.Single(result.Sources);
        Assert.Equal(SourceStatus.Conflict, outcome.Status);
        Assert.Contains("same source", outcome.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_fragment_is_left_out_whole_and_the_others_still_sync()
    {
        var broken = Rules(Ingress("broken"), Rule("ok.example.com"), Rule("bad.example.com", "http://web:80/path"));
        var fine = Rules(Ingress("fine"), Rule("fine.example.com"));

        var result = Aggregator.Aggregate([broken, fine]);

        Assert.Equal(["fine.example.com", "*"], Hosts(result));
        var outcome = result.Sources.Single(s => s.Source.Name == "broken");
        Assert.Equal(SourceStatus.Rejected, outcome.Status);
        var reason = Assert.Single(outcome.Reasons);
        Assert.StartsWith("Ingress/default/broken: rules[1] (bad.example.com).service:", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_settings_are_rejected_and_the_defaults_used()
    {
        var result = Aggregator.Aggregate([Settings(true, "http_status:42")]);
        Assert.Equal(SourceStatus.Rejected, Assert.Single(result.Sources).Status);
        Assert.Contains("fallbackTarget", result.Sources[0].Reasons[0], StringComparison.Ordinal);
        Assert.Equal("""{"config":{"ingress":[{"service":"http_status:404"}],"warp-routing":{"enabled":false}}}""", result.Desired?.Json);
    }

    [Fact]
    public void Two_settings_sources_conflict_and_the_tunnel_kind_wins_by_priority()
    {
        var clusterTunnel = Settings(true, name: "main");
        var other = new SourceFragment(Ingress("x"), new TunnelSettingsFragment(false)) { Priority = 100 };
        var result = Aggregator.Aggregate([other, clusterTunnel]);
        Assert.True(Config(result)["warp-routing"]!["enabled"]!.GetValue<bool>());
        Assert.Equal(SourceStatus.Conflict, result.Sources.Single(s => s.Source.Kind == "Ingress").Status);
    }

    [Fact]
    public void Origin_request_keeps_every_field_at_tunnel_and_rule_level()
    {
        var everything = new OriginRequest
        {
            Access = new AccessSettings { Required = true, TeamName = "team", AudTag = ["aud1"] },
            BastionMode = false,
            CaPool = "/ca.pem",
            ConnectTimeout = 30,
            DisableChunkedEncoding = true,
            Http2Origin = true,
            HttpHostHeader = "internal",
            KeepAliveConnections = 10,
            KeepAliveTimeout = 90,
            MatchSniToHost = true,
            NoHappyEyeballs = true,
            NoTlsVerify = true,
            OriginServerName = "origin",
            ProxyAddress = "127.0.0.1",
            ProxyPort = 1080,
            ProxyType = "socks",
            TcpKeepAlive = 30,
            TlsTimeout = 10,
        };
        var result = Aggregator.Aggregate([
            Settings(false, origin: new OriginRequest { ConnectTimeout = 5 }),
            Rules(Ingress("a"), new IngressRule("a.example.com", null, "https://web:443", everything)),
        ]);

        var config = Config(result);
        Assert.Equal(5, config["originRequest"]!["connectTimeout"]!.GetValue<int>());
        var origin = config["ingress"]![0]!["originRequest"]!.AsObject();
        Assert.Equal(18, origin.Count);
        Assert.Equal(everything, origin.Deserialize<OriginRequest>(CoreJson.Options));
    }

    [Fact]
    public void Output_is_already_canonical_so_the_hash_covers_exactly_what_is_sent()
    {
        var result = Aggregator.Aggregate([
            Settings(true, origin: new OriginRequest { NoTlsVerify = true, CaPool = "x" }),
            Rules(Ingress("a"), new IngressRule("a.example.com", "^/x+<&>'", "http://a:80", new OriginRequest { TlsTimeout = 1, Access = new AccessSettings { TeamName = "t", AudTag = ["z"] } })),
        ]);
        Assert.Equal(CanonicalJson.ToText(JsonNode.Parse(result.Desired!.Json)), result.Desired?.Json);
    }

    [Fact]
    public void Whole_configuration_passes_cloudflared_validation()
    {
        var result = Aggregator.Aggregate([Settings(true), Rules(Ingress("a"), Rule("a.example.com", path: "^/a"), Rule("*.example.com"))]);
        Assert.Empty(CloudflaredIngressRules.ValidateConfiguration(Config(result)));
    }

    [Fact]
    public void Fragments_of_another_resource_type_are_rejected()
    {
        var wrong = new SourceFragment(new Source("DNSRecord", "default", "r"),
            new Objects.ObjectFragment(Resources.ResourceType.DNSRecord, new JsonObject { ["type"] = "A" }));
        Assert.Equal(SourceStatus.Rejected, Aggregator.Aggregate([wrong]).Sources[0].Status);
    }
}
