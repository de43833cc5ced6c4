using System.Text.Json.Nodes;
using CfSync.Core.Aggregation;
using CfSync.Core.Fragments;
using CfSync.Core.Objects;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Core.Text;
using CfSync.Core.Tunnels;
using static CfSync.Core.Tests.TestData;

namespace CfSync.Core.Tests;

/// <summary>A huge value is refused with a reason that quotes only its prefix, whichever validator refuses it.</summary>
public sealed class HostileValueTests
{
    private const int Huge = 20_000_000;

    // Every reason names the source and the field and quotes at most the prefix: far below 1 KiB.
    private static void AssertBounded(AggregateResult result)
    {
        var reasons = result.Sources.SelectMany(s => s.Reasons).ToList();
        Assert.NotEmpty(reasons);
        Assert.All(reasons, reason =>
        {
            Assert.True(reason.Length < 1024, $"a reason of {reason.Length} characters");
            Assert.Contains("chars)", reason, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_20_MB_hostname_is_quoted_by_its_prefix() =>
        AssertBounded(new TunnelConfigurationAggregator().Aggregate([Rules(Ingress("huge"), Rule(new string('a', Huge) + ".example.com"))]));

    [Fact]
    public void A_label_longer_than_63_characters_is_quoted_by_its_prefix() =>
        AssertBounded(new TunnelConfigurationAggregator().Aggregate([Rules(Ingress("label"), Rule(new string('a', 200) + ".example.com"))]));

    [Fact]
    public void A_20_MB_path_is_quoted_by_its_prefix() =>
        AssertBounded(new TunnelConfigurationAggregator().Aggregate([Rules(Ingress("path"), Rule("a.example.com", path: "[" + new string('a', Huge)))]));

    [Fact]
    public void A_20_MB_service_is_quoted_by_its_prefix() =>
        AssertBounded(new TunnelConfigurationAggregator().Aggregate([Rules(Ingress("service"), Rule("a.example.com", "http://" + new string('a', Huge) + "/path"))]));

    [Fact]
    public void A_20_MB_dns_record_content_is_quoted_by_its_prefix()
    {
        var body = new JsonObject { ["type"] = "A", ["name"] = "a.example.com", ["content"] = new string('1', Huge) };
        AssertBounded(Aggregators.For(ResourceType.DNSRecord).Aggregate([new SourceFragment(new Source("DNSRecord", "default", "a"), new ObjectFragment(ResourceType.DNSRecord, body))]));
    }

    [Fact]
    public void A_20_MB_enum_value_is_quoted_by_its_prefix()
    {
        var body = new JsonObject { ["type"] = new string('X', Huge), ["name"] = "a.example.com", ["content"] = "192.0.2.1" };
        var reason = Assert.Single(Aggregators.For(ResourceType.DNSRecord).Aggregate([new SourceFragment(new Source("DNSRecord", "default", "a"), new ObjectFragment(ResourceType.DNSRecord, body))]).Sources).Reasons.Single();
        Assert.Contains(Quote.Of(new string('X', Huge)), reason, StringComparison.Ordinal);
        Assert.True(reason.Length < 1024, $"a reason of {reason.Length} characters");
    }
}
