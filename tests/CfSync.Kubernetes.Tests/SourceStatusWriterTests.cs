using System.Text.Json.Nodes;
using CfSync.Core.Aggregation;
using CfSync.Core.Hashing;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Kubernetes.Sources;
using CfSync.Sync.Entities;
using CfSync.Sync.Status;
using k8s;
using k8s.Models;

namespace CfSync.Kubernetes.Tests;

/// <summary>What the source objects show after a sync, written through KubernetesClient to the test API server.</summary>
public sealed class SourceStatusWriterTests : ClusterTest
{
    private static SyncStatusReport Report(SyncStatus status, params SourceOutcome[] sources) =>
        new(Tunnel, new ResourceScope("acct"), new DesiredBody("{}"), "sha256:x", status, null, 1,
            status == SyncStatus.Synced ? DateTimeOffset.UnixEpoch : null, sources);

    private async Task<V1Ingress> IngressAsync(string ns, string name) =>
        await Client.NetworkingV1.CreateNamespacedIngressAsync(new V1Ingress { Metadata = new V1ObjectMeta { Name = name } }, ns);

    private async Task<List<Corev1Event>> EventsAsync(string ns) => [.. (await Client.CoreV1.ListNamespacedEventAsync(ns)).Items];

    [Fact]
    public async Task An_applied_ingress_gets_the_tunnel_hostname_and_a_normal_event()
    {
        await IngressAsync("shop", "web");
        await Sink.MirrorAsync(Report(SyncStatus.Synced, SourceOutcome.Accepted(new Source("Ingress", "shop", "web"))), CancellationToken.None);

        var ingress = await Client.NetworkingV1.ReadNamespacedIngressAsync("web", "shop");
        Assert.Equal($"{TunnelId}.cfargotunnel.com", Assert.Single(ingress.Status.LoadBalancer.Ingress).Hostname);
        var normal = Assert.Single(await EventsAsync("shop"));
        Assert.Equal(("Normal", "Synced", "Ingress", "web"), (normal.Type, normal.Reason, normal.InvolvedObject.Kind, normal.InvolvedObject.Name));
    }

    [Fact]
    public async Task A_change_made_outside_cfsync_is_a_warning_event_on_each_source_naming_it()
    {
        await IngressAsync("drifted", "web");
        var report = Report(SyncStatus.Synced, SourceOutcome.Accepted(new Source("Ingress", "drifted", "web"))) with { Drift = "hostname x.example.com added", DriftRepaired = true };
        await Sink.MirrorAsync(report, CancellationToken.None);

        var drift = Assert.Single(await EventsAsync("drifted"), e => e.Type == "Warning");
        Assert.Equal("DriftRepaired", drift.Reason);
        Assert.Contains("hostname x.example.com added", drift.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_released_DNSRecord_being_deleted_loses_only_our_finalizer_and_a_released_Ingress_keeps_its_own()
    {
        const string Group = "networking.cloudflare-operator.io";
        const string Ours = "networking.cloudflare-operator.io/cfsync-source";
        var record = new JsonObject
        {
            ["apiVersion"] = $"{Group}/v1alpha2",
            ["kind"] = "DNSRecord",
            ["metadata"] = new JsonObject { ["name"] = "mail", ["finalizers"] = new JsonArray(Ours, "example.com/keep") },
            ["spec"] = new JsonObject { ["name"] = "example.com", ["type"] = "MX", ["content"] = "mail.example.com" },
        };
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(record, Group, "v1alpha2", "released", "dnsrecords");
        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, "v1alpha2", "released", "dnsrecords", "mail");
        await Client.NetworkingV1.CreateNamespacedIngressAsync(new V1Ingress { Metadata = new V1ObjectMeta { Name = "web", Finalizers = [Ours] } }, "released");
        await Client.NetworkingV1.DeleteNamespacedIngressAsync("web", "released");

        await Sink.MirrorAsync(Report(SyncStatus.Synced) with { Released = [new Source("DNSRecord", "released", "mail"), new Source("Ingress", "released", "web")] }, CancellationToken.None);

        var left = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(await Client.CustomObjects.GetNamespacedCustomObjectAsync(Group, "v1alpha2", "released", "dnsrecords", "mail")))!;
        Assert.Equal(["example.com/keep"], left["metadata"]!["finalizers"]!.AsArray().Select(f => (string?)f));
        Assert.Equal([Ours], (await Client.NetworkingV1.ReadNamespacedIngressAsync("web", "released")).Metadata.Finalizers);
    }

    [Fact]
    public async Task A_pending_sync_does_not_publish_the_hostname_yet()
    {
        await IngressAsync("pending", "web");
        await Sink.MirrorAsync(Report(SyncStatus.Pending, SourceOutcome.Accepted(new Source("Ingress", "pending", "web"))), CancellationToken.None);
        var ingress = await Client.NetworkingV1.ReadNamespacedIngressAsync("web", "pending");
        Assert.Null(ingress.Status?.LoadBalancer?.Ingress);
    }

    [Fact]
    public async Task A_rejected_binding_gets_a_false_condition_and_a_warning_while_other_conditions_stay()
    {
        await BindingAsync("team", "legacy");
        var binding = Json(await Client.CustomObjects.GetNamespacedCustomObjectAsync(Group, "v1alpha1", "team", "tunnelbindings", "legacy"));
        binding["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Ready", ["status"] = "True", ["reason"] = "OperatorReady", ["message"] = "kept", ["lastTransitionTime"] = "2026-01-01T00:00:00Z",
            }),
        };
        await Client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(binding, Group, "v1alpha1", "team", "tunnelbindings", "legacy");
        var rejected = new SourceOutcome(new Source("TunnelBinding", "team", "legacy"), SourceStatus.Rejected, ["TunnelBinding/team/legacy: rules[0].service: bad"]);
        await Sink.MirrorAsync(Report(SyncStatus.Synced, rejected), CancellationToken.None);

        var conditions = Json(await Client.CustomObjects.GetNamespacedCustomObjectAsync(Group, "v1alpha1", "team", "tunnelbindings", "legacy"))["status"]!["conditions"]!.AsArray();
        Assert.Contains(conditions, c => (string?)c!["type"] == "Ready" && (string?)c["message"] == "kept");
        var ours = (await BindingConditionAsync("team", "legacy"))!;
        Assert.Equal(("False", "Invalid"), ((string?)ours["status"], (string?)ours["reason"]));
        Assert.Contains("rules[0].service", (string?)ours["message"], StringComparison.Ordinal);
        var warning = Assert.Single(await EventsAsync("team"));
        Assert.Equal(("Warning", "Rejected"), (warning.Type, warning.Reason));
    }

    [Fact]
    public async Task The_condition_flips_to_true_once_the_source_is_synced()
    {
        await BindingAsync("flip", "b");
        var source = new Source("TunnelBinding", "flip", "b");
        await Sink.MirrorAsync(Report(SyncStatus.Synced, new SourceOutcome(source, SourceStatus.Conflict, ["lost"])), CancellationToken.None);
        await Sink.MirrorAsync(Report(SyncStatus.Synced, SourceOutcome.Accepted(source)), CancellationToken.None);

        var ours = (await BindingConditionAsync("flip", "b"))!;
        Assert.Equal(("True", "Synced"), ((string?)ours["status"], (string?)ours["reason"]));
    }

    [Fact]
    public async Task A_source_deleted_meanwhile_is_skipped()
    {
        var gone = SourceOutcome.Accepted(new Source("TunnelBinding", "nowhere", "gone"));
        await Sink.MirrorAsync(Report(SyncStatus.Synced, gone), CancellationToken.None);
        Assert.Empty(await EventsAsync("nowhere"));
    }

    [Fact]
    public async Task The_same_reason_on_three_syncs_is_one_event_counted_three_times_and_a_new_reason_is_a_new_event()
    {
        await IngressAsync("shop", "broken");
        var source = new Source("Ingress", "shop", "broken");
        var first = Time.GetUtcNow();
        for (var sync = 0; sync < 3; sync++)
        {
            await Sink.MirrorAsync(Report(SyncStatus.Synced, new SourceOutcome(source, SourceStatus.Rejected, ["Ingress/shop/broken: rules[0].service: bad"])), CancellationToken.None);
            Time.Advance(TimeSpan.FromMinutes(1));
        }

        var repeated = Assert.Single(await EventsAsync("shop"));
        Assert.Equal(("Warning", "Rejected", 3), (repeated.Type, repeated.Reason, repeated.Count));
        Assert.Equal(first.UtcDateTime, repeated.FirstTimestamp);
        Assert.Equal(first.AddMinutes(2).UtcDateTime, repeated.LastTimestamp);

        await Sink.MirrorAsync(Report(SyncStatus.Synced, new SourceOutcome(source, SourceStatus.Rejected, ["Ingress/shop/broken: rules[0].path: bad"])), CancellationToken.None);

        var events = await EventsAsync("shop");
        Assert.Equal(2, events.Count);
        var fresh = Assert.Single(events, e => e.Message.Contains(".path:", StringComparison.Ordinal));
        Assert.Equal((1, first.AddMinutes(3).UtcDateTime), (fresh.Count, fresh.FirstTimestamp));
        Assert.Equal(3, events.Single(e => e.Message.Contains(".service:", StringComparison.Ordinal)).Count);
    }

    [Fact]
    public void Event_names_stay_valid_for_the_longest_object_names()
    {
        var kind = SourceKinds.Find("Ingress")!;
        var longest = new Source("Ingress", "shop", new string('a', 120) + "." + new string('b', 132));

        var name = SourceEvents.NameFor(kind, longest, "Warning", "Rejected", "bad");

        Assert.True(name.Length <= 253);
        Assert.Matches("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", name);
        Assert.DoesNotContain("..", name, StringComparison.Ordinal);
        Assert.NotEqual(name, SourceEvents.NameFor(kind, longest, "Warning", "Rejected", "worse"));
    }

    [Fact]
    public async Task Messages_echoed_into_conditions_and_events_are_bounded()
    {
        await BindingAsync("huge", "b");
        var reason = "TunnelBinding/huge/b: subjects[0].hostname: " + new string('x', 20_000_000);
        await Sink.MirrorAsync(Report(SyncStatus.Synced, new SourceOutcome(new Source("TunnelBinding", "huge", "b"), SourceStatus.Rejected, [reason])), CancellationToken.None);

        var condition = (await BindingConditionAsync("huge", "b"))!;
        Assert.Equal(ApiText.MaxMessageLength, ((string?)condition["message"])!.Length);
        Assert.StartsWith("TunnelBinding/huge/b: subjects[0].hostname: xxx", (string?)condition["message"], StringComparison.Ordinal);
        Assert.Equal(ApiText.MaxMessageLength, Assert.Single(await EventsAsync("huge")).Message.Length);
    }
}
