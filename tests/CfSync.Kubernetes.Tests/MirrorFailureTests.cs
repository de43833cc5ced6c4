using System.Net;
using System.Text.Json.Nodes;
using CfSync.Core.Aggregation;
using CfSync.Core.Hashing;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Kubernetes.DevCluster;
using CfSync.Kubernetes.SyncStates;
using CfSync.Sync.Entities;
using CfSync.Sync.Status;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace CfSync.Kubernetes.Tests;

/// <summary>
/// Each write of a mirror stands on its own: what the API server refuses for good is logged with its target and code
/// and skipped; what fails for now is thrown once everything else was written; an unreachable server stops the rest.
/// </summary>
public sealed class MirrorFailureTests : ClusterTest
{
    private static readonly Source Broken = new("Ingress", "shop", "broken");
    private static readonly Source Web = new("Ingress", "shop", "web");
    private static readonly Source Edge = new("Tunnel", "team", "edge");
    private static readonly Source Apps = new("TunnelBinding", "team", "apps");

    // In source-key order, as the entity reports them.
    private static SyncStatusReport Report(params Source[] accepted) =>
        new(Tunnel, new ResourceScope("acct"), new DesiredBody("""{"config":{"ingress":[{"service":"http_status:404"}]}}"""), "sha256:" + new string('1', 64), SyncStatus.Synced, null, 1, DateTimeOffset.UnixEpoch,
            [new SourceOutcome(Broken, SourceStatus.Rejected, ["Ingress/shop/broken: rules[0].service: bad"]), .. accepted.Select(SourceOutcome.Accepted)]);

    private static SyncStatusReport Everything => Report(Web, Edge, Apps);

    private async Task CreateSourcesAsync()
    {
        foreach (var name in new[] { "broken", "web" })
        {
            await Client.NetworkingV1.CreateNamespacedIngressAsync(new V1Ingress { Metadata = new V1ObjectMeta { Name = name } }, "shop");
        }

        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new JsonObject { ["apiVersion"] = $"{Group}/v1alpha2", ["kind"] = "Tunnel", ["metadata"] = new JsonObject { ["name"] = "edge" } }, Group, "v1alpha2", "team", "tunnels");
        await BindingAsync("team", "apps");
    }

    private async Task<string?> HostnameAsync(string name) =>
        (await Client.NetworkingV1.ReadNamespacedIngressAsync(name, "shop")).Status?.LoadBalancer?.Ingress?.SingleOrDefault()?.Hostname;

    private async Task<string?> TunnelConditionAsync()
    {
        var tunnel = Json(await Client.CustomObjects.GetNamespacedCustomObjectAsync(Group, "v1alpha2", "team", "tunnels", "edge"));
        return (string?)(tunnel["status"]?["conditions"] as JsonArray)?.Single()!["status"];
    }

    private async Task<IList<Corev1Event>> WarningsAsync() => (await Client.CoreV1.ListNamespacedEventAsync("shop")).Items.Where(e => e.Type == "Warning").ToList();

    private void AssertTokenNeverShown(Exception? error = null)
    {
        Assert.DoesNotContain(Log.Collector.GetSnapshot(), r => r.Message.Contains(Token, StringComparison.Ordinal));
        Assert.DoesNotContain(Token, error?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(403, LogLevel.Warning)]
    [InlineData(404, LogLevel.Information)]
    [InlineData(422, LogLevel.Warning)]
    public async Task A_refused_status_write_on_one_source_kind_is_logged_with_the_source_and_code_and_the_rest_is_written(int code, LogLevel level)
    {
        await CreateSourcesAsync();
        using var fault = Server.InjectFault(new ApiFault("update", "tunnelbindings/status", code));

        await Sink.MirrorAsync(Everything, CancellationToken.None);

        Assert.Null(await BindingConditionAsync("team", "apps"));
        Assert.Equal("True", await TunnelConditionAsync());
        Assert.Equal($"{TunnelId}.cfargotunnel.com", await HostnameAsync("web"));
        Assert.Single(await WarningsAsync());
        var state = await SyncStateAsync(Tunnel);
        Assert.Equal(("Synced", 4), ((string?)state["status"]!["syncStatus"], (int)state["status"]!["sourceCount"]!));
        var logged = Assert.Single(Log.Collector.GetSnapshot(), r => r.Level >= LogLevel.Information);
        Assert.Equal(level, logged.Level);
        Assert.Equal("TunnelBinding/team/apps", logged.GetStructuredStateValue("Target"));
        Assert.Equal("condition", logged.GetStructuredStateValue("Write"));
        if (code != 404)
        {
            Assert.Equal(code.ToString(System.Globalization.CultureInfo.InvariantCulture), logged.GetStructuredStateValue("StatusCode"));
        }

        AssertTokenNeverShown();
    }

    [Fact]
    public async Task A_forbidden_event_leaves_the_conditions_and_the_hostname_written()
    {
        await CreateSourcesAsync();
        using var fault = Server.InjectFault(ApiFault.Forbidden("create", "events"));

        await Sink.MirrorAsync(Everything, CancellationToken.None);

        Assert.Empty(await WarningsAsync());
        Assert.Equal("True", (string?)(await BindingConditionAsync("team", "apps"))!["status"]);
        Assert.Equal($"{TunnelId}.cfargotunnel.com", await HostnameAsync("web"));
        var refused = Log.Collector.GetSnapshot().Where(r => r.Level == LogLevel.Warning).ToList();
        Assert.All(refused, r => Assert.Equal(("event", "403"), (r.GetStructuredStateValue("Write"), r.GetStructuredStateValue("StatusCode"))));
        Assert.Equal(["Ingress/shop/broken", "Ingress/shop/web", "Tunnel/team/edge", "TunnelBinding/team/apps"], refused.Select(r => r.GetStructuredStateValue("Target")));
    }

    [Fact]
    public async Task A_transient_failure_on_one_source_is_thrown_after_every_other_write_ran()
    {
        await CreateSourcesAsync();
        using var fault = Server.InjectFault(new ApiFault("update", "tunnels/status", 500));

        var error = await Assert.ThrowsAsync<StatusMirrorException>(() => Sink.MirrorAsync(Everything, CancellationToken.None));

        Assert.Contains("Tunnel/team/edge condition: InternalError", error.Message, StringComparison.Ordinal);
        Assert.Null(await TunnelConditionAsync());
        Assert.Equal("True", (string?)(await BindingConditionAsync("team", "apps"))!["status"]);
        Assert.Equal($"{TunnelId}.cfargotunnel.com", await HostnameAsync("web"));
        Assert.Single(await WarningsAsync());
        Assert.Equal("Synced", (string?)(await SyncStateAsync(Tunnel))["status"]!["syncStatus"]);
        AssertTokenNeverShown(error);
    }

    [Fact]
    public async Task A_forbidden_sync_state_status_keeps_its_spec_and_the_sources_written()
    {
        await CreateSourcesAsync();
        using var fault = Server.InjectFault(ApiFault.Forbidden("update", "cloudflaresyncstates/status"));

        await Sink.MirrorAsync(Everything, CancellationToken.None);

        var state = await SyncStateAsync(Tunnel);
        Assert.Equal(4, state["spec"]!["sources"]!.AsArray().Count);
        Assert.Null(state["status"]);
        Assert.Equal("True", (string?)(await BindingConditionAsync("team", "apps"))!["status"]);
        var logged = Assert.Single(Log.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Equal((SyncStateNames.For(Tunnel), "status", "403"), (logged.GetStructuredStateValue("Target"), logged.GetStructuredStateValue("Write"), logged.GetStructuredStateValue("StatusCode")));
    }

    [Fact]
    public async Task A_forbidden_sync_state_spec_update_still_gets_the_new_status()
    {
        await CreateSourcesAsync();
        await Sink.MirrorAsync(Report(Web), CancellationToken.None);
        using var fault = Server.InjectFault(ApiFault.Forbidden("update", "cloudflaresyncstates"));

        await Sink.MirrorAsync(Everything, CancellationToken.None);

        var state = await SyncStateAsync(Tunnel);
        Assert.Equal(2, state["spec"]!["sources"]!.AsArray().Count);
        Assert.Equal(4, (int)state["status"]!["sourceCount"]!);
    }

    [Fact]
    public async Task An_unreachable_server_fails_the_mirror_at_once_and_the_next_mirror_writes_everything()
    {
        await CreateSourcesAsync();
        await Server.StopAsync();

        var error = await Assert.ThrowsAsync<StatusMirrorException>(() => Sink.MirrorAsync(Everything, CancellationToken.None));

        Assert.Contains($"{SyncStateNames.For(Tunnel)} spec: unreachable", error.Message, StringComparison.Ordinal);
        Assert.Contains("writes not tried", error.Message, StringComparison.Ordinal);
        Assert.Single(Log.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        AssertTokenNeverShown(error);

        await Server.RestartAsync();
        await Sink.MirrorAsync(Everything, CancellationToken.None);
        Assert.Equal("True", (string?)(await BindingConditionAsync("team", "apps"))!["status"]);
        Assert.Equal("Synced", (string?)(await SyncStateAsync(Tunnel))["status"]!["syncStatus"]);
    }

    [Fact]
    public async Task A_429_stops_the_writes_after_it_and_fails_the_mirror()
    {
        await CreateSourcesAsync();
        using var fault = Server.InjectFault(new ApiFault("get", "tunnels", 429));

        var error = await Assert.ThrowsAsync<StatusMirrorException>(() => Sink.MirrorAsync(Everything, CancellationToken.None));

        Assert.Contains("Tunnel/team/edge condition: TooManyRequests", error.Message, StringComparison.Ordinal);
        Assert.Equal($"{TunnelId}.cfargotunnel.com", await HostnameAsync("web"));
        Assert.Null(await BindingConditionAsync("team", "apps"));
    }

    [Fact]
    public async Task A_cancelled_mirror_is_cancelled_not_reported_as_a_failed_write()
    {
        await CreateSourcesAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sink.MirrorAsync(Everything, cancelled.Token));
    }
}
