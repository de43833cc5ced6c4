using System.Text.Json.Nodes;
using CfSync.Core.Tunnels;

namespace CfSync.Core.Tests;

/// <summary>Whole-configuration checks, as the emulator applies them to every PUT.</summary>
public sealed class CloudflaredIngressRulesTests
{
    private static IReadOnlyList<string> Validate(string config) =>
        CloudflaredIngressRules.ValidateConfiguration(JsonNode.Parse(config)!.AsObject());

    [Fact]
    public void Valid_configuration_has_no_errors() =>
        Assert.Empty(Validate("""{"ingress":[{"hostname":"a.example.com","service":"http://a:80"},{"service":"http_status:404"}],"warp-routing":{"enabled":true}}"""));

    [Fact]
    public void Last_rule_must_match_everything() =>
        Assert.Equal([CloudflaredIngressRules.LastRuleMustMatchAll], Validate("""{"ingress":[{"hostname":"a.example.com","service":"http://a:80"}]}"""));

    [Fact]
    public void Catch_all_with_a_path_is_not_a_catch_all() =>
        Assert.Contains(CloudflaredIngressRules.LastRuleMustMatchAll, Validate("""{"ingress":[{"path":"^/x","service":"http_status:404"}]}"""));

    [Fact]
    public void Only_the_last_rule_may_match_everything() =>
        Assert.Contains("Rule #1 is matching all URLs, but it's not the last rule", Validate("""{"ingress":[{"hostname":"*","service":"http://a:80"},{"service":"http_status:404"}]}"""));

    [Fact]
    public void Rule_errors_are_numbered_from_one()
    {
        var error = Assert.Single(Validate("""{"ingress":[{"hostname":"a.example.com:8080","service":"http://a:80"},{"service":"http_status:404"}]}"""));
        Assert.StartsWith("Rule #1: hostname:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_rule_is_reported_not_thrown() =>
        Assert.StartsWith("ingress: malformed", Assert.Single(Validate("""{"ingress":[{"hostname":5}]}""")), StringComparison.Ordinal);

    [Fact]
    public void Tunnel_level_origin_request_is_checked() =>
        Assert.Contains("originRequest.proxyType", Assert.Single(Validate("""{"originRequest":{"proxyType":"http"}}""")), StringComparison.Ordinal);
}
