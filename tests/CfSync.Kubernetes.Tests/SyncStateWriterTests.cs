using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Core.Aggregation;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Kubernetes.DevCluster;
using CfSync.Kubernetes.SyncStates;
using CfSync.Sync.Entities;
using CfSync.Sync.Status;
using k8s;

namespace CfSync.Kubernetes.Tests;

/// <summary>CloudflareSyncState written through KubernetesClient to the project's test API server.</summary>
public sealed class SyncStateWriterTests : ClusterTest
{
    private const string Body = """{"config":{"ingress":[{"hostname":"a.example.com","service":"http://a:80"},{"service":"http_status:404"}],"warp-routing":{"enabled":true}}}""";
    private const string Hash = "sha256:0000000000000000000000000000000000000000000000000000000000000001";

    private static SyncStatusReport Report(string tunnelId, SyncStatus status, params SourceOutcome[] sources) =>
        new(new ResourceIdentity(ResourceType.TunnelConfiguration, tunnelId), new ResourceScope("acct"), new CfSync.Core.Hashing.DesiredBody(Body), Hash, status,
            status == SyncStatus.Failed ? "Bad Configuration: 1056" : null, 1, status == SyncStatus.Synced ? DateTimeOffset.UnixEpoch : null, sources);

    private static SourceOutcome Accepted(string name) => SourceOutcome.Accepted(new Source("Ingress", "shop", name));

    private async Task<JsonObject> ReadAsync(string name) =>
        Json(await Client.CustomObjects.GetClusterCustomObjectAsync(SyncStateNames.Group, SyncStateNames.Version, SyncStateNames.Plural, name));

    [Fact]
    public async Task A_synced_report_creates_the_sync_state_with_spec_status_and_a_ready_condition()
    {
        await Sink.MirrorAsync(Report("t1", SyncStatus.Synced, Accepted("a")), CancellationToken.None);

        var state = await ReadAsync("tunnelconfiguration-t1");
        Assert.Equal("TunnelConfiguration", (string?)state["spec"]!["resourceType"]);
        Assert.Equal("acct", (string?)state["spec"]!["accountId"]);
        Assert.Equal("a", (string?)state["spec"]!["sources"]![0]!["ref"]!["name"]);
        Assert.Equal("Synced", (string?)state["status"]!["syncStatus"]);
        Assert.Equal(Hash, (string?)state["status"]!["configHash"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Body), state["status"]!["aggregatedConfig"]));
        Assert.Equal(2, (int)state["status"]!["ruleCount"]!);
        Assert.Null(state["status"]!["aggregatedConfigOmitted"]);
        var ready = state["status"]!["conditions"]![0]!;
        Assert.Equal(("Ready", "True", "Synced"), ((string?)ready["type"], (string?)ready["status"], (string?)ready["reason"]));
        Assert.Equal(1, (int)state["status"]!["sourceCount"]!);
    }

    [Fact]
    public async Task Each_source_shows_the_fragment_it_contributed()
    {
        var source = new Source("Ingress", "shop", "a");
        var fragment = new CfSync.Core.Tunnels.IngressRulesFragment([new CfSync.Core.Tunnels.IngressRule("a.example.com", null, "http://a:80")]);
        var report = Report("t6", SyncStatus.Synced, SourceOutcome.Accepted(source)) with
        {
            Contributions = [new CfSync.Core.Fragments.SourceFragment(source, fragment)],
        };
        await Sink.MirrorAsync(report, CancellationToken.None);

        var entry = (await ReadAsync("tunnelconfiguration-t6"))["spec"]!["sources"]![0]!;
        Assert.Equal("a.example.com", (string?)entry["config"]!["rules"]![0]!["hostname"]);
        Assert.Equal(100, (int)entry["priority"]!);
    }

    [Fact]
    public async Task Later_reports_update_the_same_object_and_name_rejected_sources()
    {
        await Sink.MirrorAsync(Report("t2", SyncStatus.Synced, Accepted("a"), Accepted("b")), CancellationToken.None);
        var rejected = new SourceOutcome(new Source("Ingress", "shop", "b"), SourceStatus.Rejected, ["Ingress/shop/b: rules[0] (b.example.com).service: bad"]);
        await Sink.MirrorAsync(Report("t2", SyncStatus.Synced, Accepted("a"), rejected), CancellationToken.None);

        var state = await ReadAsync("tunnelconfiguration-t2");
        var ready = state["status"]!["conditions"]![0]!;
        Assert.Equal(("False", "Invalid"), ((string?)ready["status"], (string?)ready["reason"]));
        Assert.Contains("Ingress/shop/b", (string?)ready["message"], StringComparison.Ordinal);
        Assert.Equal("1", (string?)state["metadata"]!["generation"]?.ToString());
    }

    [Fact]
    public async Task A_failed_sync_is_not_ready_and_carries_the_error()
    {
        await Sink.MirrorAsync(Report("t3", SyncStatus.Failed, Accepted("a")), CancellationToken.None);
        var state = await ReadAsync("tunnelconfiguration-t3");
        Assert.Equal("Failed", (string?)state["status"]!["syncStatus"]);
        Assert.Equal("Bad Configuration: 1056", (string?)state["status"]!["lastError"]);
        Assert.Equal("Failed", (string?)state["status"]!["conditions"]![0]!["reason"]);
    }

    [Theory]
    [InlineData(false, "True", "DriftReported")]
    [InlineData(true, "False", "DriftRepaired")]
    public async Task A_drift_check_finding_an_outside_change_adds_a_drifted_condition_naming_it(bool repaired, string status, string reason)
    {
        var name = repaired ? "t7" : "t8";
        await Sink.MirrorAsync(Report(name, SyncStatus.Synced, Accepted("a")) with { Drift = "version 5 -> 6: hostname x.example.com added", DriftRepaired = repaired }, CancellationToken.None);

        var conditions = (await ReadAsync($"tunnelconfiguration-{name}"))["status"]!["conditions"]!.AsArray();
        var drifted = Assert.Single(conditions, c => (string?)c!["type"] == "Drifted")!;
        Assert.Equal((status, reason), ((string?)drifted["status"], (string?)drifted["reason"]));
        Assert.Equal("version 5 -> 6: hostname x.example.com added", (string?)drifted["message"]);

        await Sink.MirrorAsync(Report(name, SyncStatus.Synced, Accepted("a")), CancellationToken.None);
        Assert.DoesNotContain((await ReadAsync($"tunnelconfiguration-{name}"))["status"]!["conditions"]!.AsArray(), c => (string?)c!["type"] == "Drifted");
    }

    [Fact]
    public async Task Concurrent_writers_all_succeed_through_conflict_retries()
    {
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Sink.MirrorAsync(Report("t4", SyncStatus.Synced, Enumerable.Range(0, i + 1).Select(n => Accepted($"s{n}")).ToArray()), CancellationToken.None)));
        var state = await ReadAsync("tunnelconfiguration-t4");
        Assert.Equal(state["spec"]!["sources"]!.AsArray().Count, (int)state["status"]!["sourceCount"]!);
    }

    [Fact]
    public async Task When_the_last_source_is_gone_the_sync_state_is_deleted()
    {
        await Sink.MirrorAsync(Report("t5", SyncStatus.Synced, Accepted("a")), CancellationToken.None);
        await Sink.MirrorAsync(Report("t5", SyncStatus.Synced), CancellationToken.None);
        var list = JsonSerializer.SerializeToNode(await Client.CustomObjects.ListClusterCustomObjectAsync(SyncStateNames.Group, SyncStateNames.Version, SyncStateNames.Plural))!;
        Assert.DoesNotContain(list["items"]!.AsArray(), i => (string?)i!["metadata"]!["name"] == "tunnelconfiguration-t5");
    }

    [Theory]
    [InlineData(ResourceType.TunnelConfiguration, "6ff42ae2-765d-4adf-8112-31c55c1551ef", "tunnelconfiguration-6ff42ae2-765d-4adf-8112-31c55c1551ef")]
    [InlineData(ResourceType.NetworkRoute, "10.0.0.0/8", null)]
    [InlineData(ResourceType.GatewayRules, "Block gambling", null)]
    public void Names_are_valid_kubernetes_names_and_keep_ids_apart(ResourceType type, string id, string? expected)
    {
        var name = SyncStateNames.For(new ResourceIdentity(type, id));
        Assert.Matches("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", name);
        if (expected is not null)
        {
            Assert.Equal(expected, name);
        }

        Assert.NotEqual(name, SyncStateNames.For(new ResourceIdentity(type, id + "x")));
    }
}
