using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Core.Fragments;
using CfSync.Core.Hashing;
using CfSync.Core.Objects;
using CfSync.Core.Resources;
using CfSync.Core.Tunnels;

namespace CfSync.Core.Tests;

/// <summary>Fragments are stored as JSON (entity state, CloudflareSyncState); they must come back equal.</summary>
public sealed class FragmentJsonTests
{
    public static TheoryData<Fragment> Fragments => new()
    {
        new TunnelSettingsFragment(true, "http_status:503", new OriginRequest { ConnectTimeout = 3 }),
        new IngressRulesFragment([new IngressRule("a.example.com", "^/x", "http://a:80", new OriginRequest { Access = new AccessSettings { Required = true, TeamName = "t", AudTag = ["x"] } })]),
        new ObjectFragment(ResourceType.DNSRecord, new JsonObject { ["type"] = "A", ["name"] = "a.example.com", ["content"] = "1.1.1.1" }),
    };

    [Theory]
    [MemberData(nameof(Fragments))]
    public void Round_trips_through_json(Fragment fragment)
    {
        var json = JsonSerializer.Serialize(fragment, CoreJson.Options);
        var back = JsonSerializer.Deserialize<Fragment>(json, CoreJson.Options);
        Assert.Equal(fragment, back);
    }
}
