using System.Text.Json.Nodes;
using CfSync.Core.Aggregation;
using CfSync.Core.Fragments;
using CfSync.Core.Objects;
using CfSync.Core.Resources;
using CfSync.Core.Sources;

namespace CfSync.Core.Tests;

public sealed class ObjectShapeTests
{
    public static TheoryData<ResourceType, string, string?, string> Vectors => new()
    {
        { ResourceType.DNSRecord, """{"type":"CNAME","name":"app.example.com","content":"t.cfargotunnel.com","proxied":true,"ttl":1}""", null, "tunnel CNAME" },
        { ResourceType.DNSRecord, """{"type":"A","name":"a.example.com","content":"300.1.1.1"}""", "content", "A needs an IPv4 address" },
        { ResourceType.DNSRecord, """{"type":"TXT","name":"a.example.com","content":"v=spf1","proxied":true}""", "proxied", "only A/AAAA/CNAME can be proxied" },
        { ResourceType.DNSRecord, """{"type":"A","name":"a.example.com","content":"1.1.1.1","ttl":5}""", "ttl", "ttl is 1 or 30-86400" },
        { ResourceType.DNSRecord, """{"type":"MX","name":"example.com","content":"mx.example.com"}""", "priority", "MX needs a priority" },
        { ResourceType.DNSRecord, """{"type":"BOGUS","name":"a.example.com","content":"x"}""", "type", "unknown record type" },
        { ResourceType.NetworkRoute, """{"network":"10.0.0.0/8","tunnel_id":"t"}""", null, "a private route" },
        { ResourceType.NetworkRoute, """{"network":"10.0.0.1/8","tunnel_id":"t"}""", "network", "host bits set" },
        { ResourceType.NetworkRoute, """{"network":"10.0.0.0/8"}""", "tunnel_id", "route needs a tunnel" },
        { ResourceType.AccessApplication, """{"type":"self_hosted","name":"app","domain":"app.example.com","session_duration":"24h"}""", null, "self-hosted app" },
        { ResourceType.AccessApplication, """{"type":"self_hosted","name":"app"}""", "domain", "self-hosted apps need a domain" },
        { ResourceType.AccessApplication, """{"type":"self_hosted","name":"app","domain":"a.example.com","session_duration":"1 day"}""", "session_duration", "durations are Go durations" },
        { ResourceType.GatewayRules, """{"name":"block","action":"block","filters":["dns"],"precedence":10}""", null, "DNS block rule" },
        { ResourceType.GatewayRules, """{"name":"x","action":"explode"}""", "action", "unknown action" },
        { ResourceType.GatewayRules, """{"name":"x","action":"allow","filters":["smtp"]}""", "filters[0]", "unknown filter" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Object_shapes(ResourceType type, string body, string? badField, string reason)
    {
        var fragment = new SourceFragment(new Source("Test", null, "x"), new ObjectFragment(type, JsonNode.Parse(body)!.AsObject()));
        var result = Aggregators.For(type).Aggregate([fragment]);
        var outcome = Assert.Single(result.Sources);
        if (badField is null)
        {
            Assert.True(outcome.Status == SourceStatus.Accepted, $"{reason}: {string.Join("; ", outcome.Reasons)}");
            Assert.NotNull(result.ConfigHash);
        }
        else
        {
            Assert.True(outcome.Status == SourceStatus.Rejected, reason);
            Assert.Contains($"Test/x: {badField}:", outcome.Reasons[0], StringComparison.Ordinal);
            Assert.Null(result.Desired?.Json);
        }
    }

    [Fact]
    public void Numbers_built_in_memory_are_checked_like_parsed_ones()
    {
        var body = new JsonObject { ["type"] = "A", ["name"] = "a.example.com", ["content"] = "1.1.1.1", ["ttl"] = JsonValue.Create(5) };
        var result = Aggregators.For(ResourceType.DNSRecord).Aggregate([new SourceFragment(new Source("Test", null, "x"), new ObjectFragment(ResourceType.DNSRecord, body))]);
        Assert.Contains("ttl", Assert.Single(result.Sources[0].Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_owners_of_one_object_conflict_and_the_older_wins()
    {
        var body = JsonNode.Parse("""{"type":"A","name":"a.example.com","content":"1.1.1.1"}""")!.AsObject();
        var older = new SourceFragment(new Source("DNSRecord", "ns", "z"), new ObjectFragment(ResourceType.DNSRecord, body)) { CreatedAt = DateTimeOffset.UnixEpoch };
        var newer = new SourceFragment(new Source("DNSRecord", "ns", "a"), new ObjectFragment(ResourceType.DNSRecord, (JsonObject)body.DeepClone())) { CreatedAt = DateTimeOffset.UtcNow };
        var result = Aggregators.For(ResourceType.DNSRecord).Aggregate([newer, older]);
        Assert.Equal(SourceStatus.Conflict, result.Sources.Single(s => s.Source.Name == "a").Status);
        Assert.Equal(SourceStatus.Accepted, result.Sources.Single(s => s.Source.Name == "z").Status);
    }
}
