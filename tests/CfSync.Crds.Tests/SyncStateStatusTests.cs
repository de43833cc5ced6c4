using System.Text.Json.Nodes;

namespace CfSync.Crds.Tests;

/// <summary>
/// The CloudflareSyncState schema holds what CfSync really produces: each resource of
/// <c>cfsync render samples/cluster</c> (recorded in samples/expected/cluster.json) mirrored into a sync state.
/// </summary>
public class SyncStateStatusTests
{
    public static TheoryData<string> RenderedResources =>
        [.. Rendered().Select(r => $"{(string)r["resourceType"]!}/{(string)r["cloudflareId"]!}")];

    [Fact]
    public void The_render_covers_every_resource_type_CfSync_writes()
    {
        Assert.Equal(
            ["AccessApplication", "DNSRecord", "GatewayRules", "NetworkRoute", "TunnelConfiguration", "TunnelDnsRecords"],
            Rendered().Select(r => (string)r["resourceType"]!).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RenderedResources))]
    public void A_sync_state_built_from_the_render_is_valid(string key)
    {
        var resource = Rendered().Single(r => $"{(string)r["resourceType"]!}/{(string)r["cloudflareId"]!}" == key);
        var state = SyncStateOf(resource);

        Assert.Empty(Crd.For("CloudflareSyncState").Problems(state));
        Assert.True(JsonNode.DeepEquals(resource["desired"], state["status"]!["aggregatedConfig"]));
    }

    [Fact]
    public void Failed_and_pending_states_are_valid_too()
    {
        var resource = Rendered().First(r => (string?)r["resourceType"] == "TunnelConfiguration");
        var state = SyncStateOf(resource);
        var status = state["status"]!.AsObject();
        status["syncStatus"] = "Failed";
        status["lastError"] = "Cloudflare 400: ingress rule 2: hostname is invalid";
        status["attempts"] = 5;
        status["conditions"] = new JsonArray(Condition("False", "Failed", "gave up after 5 attempts"));
        Assert.Empty(Crd.For("CloudflareSyncState").Problems(state));

        status["syncStatus"] = "Pending";
        status.Remove("lastSyncTime");
        status["conditions"] = new JsonArray(Condition("Unknown", "Pending", "waiting for the debounce window"));
        Assert.Empty(Crd.For("CloudflareSyncState").Problems(state));
    }

    private static IEnumerable<JsonObject> Rendered()
    {
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Samples, "expected", "cluster.json")))!;
        return document["resources"]!.AsArray().Select(r => r!.AsObject());
    }

    private static JsonObject SyncStateOf(JsonObject resource)
    {
        var spec = new JsonObject
        {
            ["resourceType"] = resource["resourceType"]!.DeepClone(),
            ["cloudflareId"] = resource["cloudflareId"]!.DeepClone(),
            ["accountId"] = resource["accountId"]?.DeepClone(),
            ["sources"] = new JsonArray([.. resource["sources"]!.AsArray().Select(s => (JsonNode)new JsonObject
            {
                ["ref"] = Ref(s!.AsObject()),
                ["config"] = new JsonObject(),
                ["lastUpdated"] = "2025-07-01T10:00:00Z",
            })]),
        };
        if (resource["zoneId"] is { } zone)
        {
            spec["zoneId"] = zone.DeepClone();
        }

        if (spec["accountId"] is null)
        {
            spec.Remove("accountId");
        }

        return new JsonObject
        {
            ["apiVersion"] = "networking.cloudflare-operator.io/v1alpha2",
            ["kind"] = "CloudflareSyncState",
            ["metadata"] = new JsonObject { ["name"] = "state" },
            ["spec"] = spec,
            ["status"] = new JsonObject
            {
                ["syncStatus"] = "Synced",
                ["aggregatedConfig"] = resource["desired"]!.DeepClone(),
                ["configHash"] = resource["configHash"]!.DeepClone(),
                ["lastSyncTime"] = "2025-07-01T10:00:02Z",
                ["attempts"] = 1,
                ["observedGeneration"] = 1,
                ["sourceCount"] = resource["sources"]!.AsArray().Count,
                ["conditions"] = new JsonArray(Condition("True", "Synced", "applied")),
            },
        };
    }

    private static JsonObject Ref(JsonObject source)
    {
        var reference = new JsonObject { ["kind"] = source["kind"]!.DeepClone(), ["name"] = source["name"]!.DeepClone() };
        if (source["namespace"] is { } ns)
        {
            reference["namespace"] = ns.DeepClone();
        }

        return reference;
    }

    private static JsonObject Condition(string status, string reason, string message) => new()
    {
        ["type"] = "Ready",
        ["status"] = status,
        ["reason"] = reason,
        ["message"] = message,
        ["lastTransitionTime"] = "2025-07-01T10:00:02Z",
        ["observedGeneration"] = 1,
    };
}
