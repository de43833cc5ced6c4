using System.Globalization;
using System.Text.Json.Nodes;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Kubernetes.DevCluster;
using CfSync.Sync.Sources;
using CfSync.Translation;
using CfSync.Translation.Manifests;
using CfSync.Watchers.Changes;
using CfSync.Watchers.Watching;

namespace CfSync.Watchers.Tests;

public sealed class ChangeWatcherTests : ClusterRig
{
    private const string Networking = "networking.k8s.io";
    private const string Operator = "networking.cloudflare-operator.io";
    private const string EdgeTunnel = "6ff42ae2-765d-4adf-8112-31c55c1551ef";
    private const string TeamATunnel = "2b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

    private static readonly Source ShopIngress = new("Ingress", "shop", "shop");

    [Fact]
    public async Task An_ingress_change_signals_the_translation_render_gives_at_the_list_revision()
    {
        await ApplySamplesAsync();
        var revision = Server.CurrentResourceVersion.ToString(CultureInfo.InvariantCulture);

        await HandleAsync(Change(Networking, "Ingress", "shop", "shop", ChangeType.Added));

        var sent = Assert.Single(Signals.Sent);
        var translation = Assert.IsType<SourceTranslation>(sent);
        var rendered = ObjectTranslator.Translate(Sample("Ingress", "shop"), new ManifestSet(Samples));
        Assert.Equal(ShopIngress, translation.Source);
        Assert.Equal(revision, translation.ResourceVersion);
        Assert.Equal(Uid((await GetAsync("networking.k8s.io/v1", "Ingress", "shop", "shop"))!), translation.Uid);
        Assert.Empty(translation.Unresolved);
        Assert.Equal(
            Canonical(rendered.Registrations.Select(r => new { r.Resource, r.Scope, r.Contribution.Fragment })),
            Canonical(translation.Contributions.Select(c => new { c.Resource, c.Scope, c.Fragment })));
        Assert.Equal(
            [new ResourceIdentity(ResourceType.TunnelConfiguration, EdgeTunnel), new ResourceIdentity(ResourceType.TunnelDnsRecords, EdgeTunnel)],
            translation.Contributions.Select(c => c.Resource));
    }

    [Fact]
    public async Task The_finalizer_is_added_beside_the_others_of_an_object_we_feed_from()
    {
        await ApplySamplesAsync();
        await PatchAsync("networking.k8s.io/v1", "Ingress", "shop", "shop", new JsonObject { ["metadata"] = new JsonObject { ["finalizers"] = new JsonArray("example.com/keep") } });

        await HandleAsync(Change(Networking, "Ingress", "shop", "shop"));

        var ingress = (await GetAsync("networking.k8s.io/v1", "Ingress", "shop", "shop"))!;
        Assert.Equal(["example.com/keep", OurFinalizer], Finalizers(ingress));
        Assert.Single(Signals.Applied);
    }

    [Fact]
    public async Task An_object_of_another_controller_gets_no_finalizer_and_no_signal()
    {
        await ApplySamplesAsync();
        var other = Sample("Ingress", "shop");
        other["metadata"]!["name"] = "other";
        other["spec"]!["ingressClassName"] = "nginx";
        await CreateAsync(other);

        await HandleAsync(Change(Networking, "Ingress", "shop", "other"));

        Assert.Empty(Signals.Sent);
        Assert.Empty(Finalizers((await GetAsync("networking.k8s.io/v1", "Ingress", "shop", "other"))!));
    }

    [Fact]
    public async Task A_cloudflare_id_that_cannot_be_an_entity_key_is_a_reason_not_a_contribution()
    {
        await ApplySamplesAsync();
        await PatchAsync($"{Operator}/v1alpha2", "ClusterTunnel", null, "edge", new JsonObject
        {
            ["spec"] = new JsonObject { ["existingTunnel"] = new JsonObject { ["id"] = new string('a', 450) } },
        });

        await HandleAsync(Change(Networking, "Ingress", "shop", "shop"));

        var translation = Assert.Single(Signals.Applied);
        Assert.Empty(translation.Contributions);
        Assert.Equal(2, translation.Unresolved.Count);
        Assert.StartsWith("Ingress/shop/shop: the TunnelConfiguration id it names", translation.Unresolved[0], StringComparison.Ordinal);
        Assert.StartsWith("Ingress/shop/shop: the TunnelDnsRecords id it names", translation.Unresolved[1], StringComparison.Ordinal);
        Assert.All(translation.Unresolved, reason => Assert.Contains("too long for a storage key", reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deleted_object_signals_its_deletion()
    {
        await ApplySamplesAsync();
        var revision = Server.CurrentResourceVersion.ToString(CultureInfo.InvariantCulture);

        await HandleAsync(Change(Networking, "Ingress", "shop", "gone", ChangeType.Deleted, uid: "uid-of-the-deleted-one"));

        var deletion = Assert.Single(Signals.Deleted);
        Assert.Equal(new Source("Ingress", "shop", "gone"), deletion.Source);
        Assert.Equal("uid-of-the-deleted-one", deletion.Uid);
        Assert.Equal(revision, deletion.ResourceVersion);
        Assert.Empty(Signals.Applied);
    }

    [Fact]
    public async Task On_deletion_timestamp_the_deletion_is_signalled_then_our_finalizer_removed_and_the_others_kept()
    {
        await ApplySamplesAsync();
        await HandleAsync(Change(Networking, "Ingress", "shop", "shop", ChangeType.Added));
        await PatchAsync("networking.k8s.io/v1", "Ingress", "shop", "shop", new JsonObject { ["metadata"] = new JsonObject { ["finalizers"] = new JsonArray(OurFinalizer, "example.com/keep") } });
        await DeleteAsync("networking.k8s.io/v1", "Ingress", "shop", "shop");
        var uid = Uid((await GetAsync("networking.k8s.io/v1", "Ingress", "shop", "shop"))!);
        var finalizersWhenSignalled = new List<string>();
        Signals.OnDelete = async _ => finalizersWhenSignalled.AddRange(Finalizers((await GetAsync("networking.k8s.io/v1", "Ingress", "shop", "shop"))!));
        Signals.Clear();

        await HandleAsync(Change(Networking, "Ingress", "shop", "shop"));

        var deletion = Assert.Single(Signals.Sent);
        Assert.Equal(new SourceDeletion(ShopIngress, uid, ((SourceDeletion)deletion).ResourceVersion), deletion);
        Assert.Contains(OurFinalizer, finalizersWhenSignalled);
        var ingress = (await GetAsync("networking.k8s.io/v1", "Ingress", "shop", "shop"))!;
        Assert.Equal(["example.com/keep"], Finalizers(ingress));
    }

    [Fact]
    public async Task Removing_our_last_finalizer_lets_the_object_go()
    {
        await ApplySamplesAsync();
        await HandleAsync(Change(Networking, "Ingress", "shop", "shop", ChangeType.Added));
        await DeleteAsync("networking.k8s.io/v1", "Ingress", "shop", "shop");

        await HandleAsync(Change(Networking, "Ingress", "shop", "shop"));

        Assert.Null(await GetAsync("networking.k8s.io/v1", "Ingress", "shop", "shop"));
        Assert.Single(Signals.Deleted);
    }

    [Fact]
    public async Task A_deleted_DNSRecord_keeps_our_finalizer_for_the_status_mirror_to_release_and_past_the_grace_lets_go()
    {
        await ApplySamplesAsync();
        await HandleAsync(Change(Operator, "DNSRecord", "shop", "mail", ChangeType.Added));
        await DeleteAsync($"{Operator}/v1alpha2", "DNSRecord", "shop", "mail");
        Signals.Clear();

        await HandleAsync(Change(Operator, "DNSRecord", "shop", "mail"));
        Assert.Single(Signals.Deleted);
        Assert.Equal([OurFinalizer], Finalizers((await GetAsync($"{Operator}/v1alpha2", "DNSRecord", "shop", "mail"))!));

        Time.Advance(ChangeWatcher.ReleaseGrace + TimeSpan.FromSeconds(1));
        await HandleAsync(Change(Operator, "DNSRecord", "shop", "mail"));
        Assert.Null(await GetAsync($"{Operator}/v1alpha2", "DNSRecord", "shop", "mail"));
    }

    [Fact]
    public async Task A_service_port_renamed_re_evaluates_the_ingresses_that_name_it_and_orders_after_their_last_translation()
    {
        await ApplySamplesAsync();
        await HandleAsync(Change(Networking, "Ingress", "shop", "shop", ChangeType.Added));
        var before = Assert.Single(Signals.Applied);
        Signals.Clear();
        await PatchAsync("v1", "Service", "shop", "storefront", new JsonObject
        {
            ["spec"] = new JsonObject { ["ports"] = new JsonArray(new JsonObject { ["name"] = "web", ["port"] = 8080 }) },
        });

        await HandleAsync(Change("", "Service", "shop", "storefront"));

        var after = Assert.Single(Signals.Applied);
        Assert.Equal(ShopIngress, after.Source);
        Assert.True(long.Parse(after.ResourceVersion, CultureInfo.InvariantCulture) > long.Parse(before.ResourceVersion, CultureInfo.InvariantCulture));
        var contribution = Assert.Single(after.Contributions);
        Assert.Null(contribution.Fragment);
        Assert.Contains(contribution.Reasons, r => r.Contains("http", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_resynced_service_re_evaluates_no_dependents_since_the_resync_sends_them_too()
    {
        await ApplySamplesAsync();
        await HandleAsync(Change(Networking, "Ingress", "shop", "shop", ChangeType.Added));
        Signals.Clear();
        await PatchAsync("v1", "Service", "shop", "storefront", new JsonObject
        {
            ["spec"] = new JsonObject { ["ports"] = new JsonArray(new JsonObject { ["name"] = "web", ["port"] = 8080 }) },
        });

        await HandleAsync(Change("", "Service", "shop", "storefront", ChangeType.Resync));
        Assert.Empty(Signals.Applied);

        // The Ingress's own resync brings the Service's change to it.
        await HandleAsync(Change(Networking, "Ingress", "shop", "shop", ChangeType.Resync));
        var contribution = Assert.Single(Assert.Single(Signals.Applied).Contributions);
        Assert.Contains(contribution.Reasons, r => r.Contains("http", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_listed_candidate_whose_name_cannot_be_a_source_is_skipped_and_the_others_re_evaluated()
    {
        await ApplySamplesAsync();
        var bad = Sample("Ingress", "shop");
        bad["metadata"]!["name"] = "Not_A_Name";
        await CreateAsync(bad);

        await HandleAsync(Change("", "Service", "shop", "storefront"));

        Assert.Equal(ShopIngress, Assert.Single(Signals.Applied).Source);
        Assert.Contains(Log.Collector.GetSnapshot(), r => r.Message.Contains("possible dependent was skipped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deleted_tunnel_leaves_its_bindings_unresolved()
    {
        await ApplySamplesAsync();
        await HandleAsync(Change(Operator, "Tunnel", "team-a", "internal", ChangeType.Added), Change(Operator, "TunnelBinding", "team-a", "team-a-apps", ChangeType.Added));
        Signals.Clear();

        await DeleteAsync($"{Operator}/v1alpha2", "Tunnel", "team-a", "internal");
        await HandleAsync(Change(Operator, "Tunnel", "team-a", "internal"));
        await HandleAsync(Change(Operator, "Tunnel", "team-a", "internal", ChangeType.Deleted));

        Assert.Null(await GetAsync($"{Operator}/v1alpha2", "Tunnel", "team-a", "internal"));
        Assert.Contains(Signals.Deleted, d => d.Source == new Source("Tunnel", "team-a", "internal"));
        var binding = Signals.Applied.Last(t => t.Source == new Source("TunnelBinding", "team-a", "team-a-apps"));
        Assert.Empty(binding.Contributions);
        Assert.NotEmpty(binding.Unresolved);
    }

    [Fact]
    public async Task A_tunnel_id_appearing_in_status_re_evaluates_its_bindings()
    {
        await ApplySamplesAsync();
        var tunnel = (await GetAsync($"{Operator}/v1alpha2", "Tunnel", "team-a", "internal"))!;
        tunnel = await WriteStatusAsync(tunnel, new JsonObject());
        await HandleAsync(Change(Operator, "TunnelBinding", "team-a", "team-a-apps", ChangeType.Added));
        Assert.NotEmpty(Assert.Single(Signals.Applied).Unresolved);
        Signals.Clear();
        await WriteStatusAsync(tunnel, Sample("Tunnel", "internal")["status"]!.DeepClone());

        await HandleAsync(Change(Operator, "Tunnel", "team-a", "internal"));

        var binding = Assert.Single(Signals.Applied, t => t.Source == new Source("TunnelBinding", "team-a", "team-a-apps"));
        Assert.Empty(binding.Unresolved);
        Assert.Equal(
            [new ResourceIdentity(ResourceType.TunnelConfiguration, TeamATunnel), new ResourceIdentity(ResourceType.TunnelDnsRecords, TeamATunnel)],
            binding.Contributions.Select(c => c.Resource));
        Assert.Contains(Signals.Applied, t => t.Source == new Source("Tunnel", "team-a", "internal"));
        Assert.DoesNotContain(Signals.Applied, t => t.Source == ShopIngress);
    }

    [Fact]
    public async Task The_sweep_deletes_sources_whose_object_is_gone_and_re_translates_a_re_created_one()
    {
        await ApplySamplesAsync();
        await CreateAsync(new JsonObject
        {
            ["apiVersion"] = "networking.cfargotunnel.com/v1alpha1",
            ["kind"] = "TunnelBinding",
            ["metadata"] = new JsonObject { ["name"] = "original", ["namespace"] = "team-a" },
            ["subjects"] = new JsonArray(new JsonObject { ["name"] = "grafana" }),
            ["tunnelRef"] = new JsonObject { ["kind"] = "Tunnel", ["name"] = "internal" },
        });
        var shopUid = Uid((await GetAsync("networking.k8s.io/v1", "Ingress", "shop", "shop"))!);
        var original = Uid((await GetAsync("networking.cfargotunnel.com/v1alpha1", "TunnelBinding", "team-a", "original"))!);
        var revision = Server.CurrentResourceVersion.ToString(CultureInfo.InvariantCulture);
        var sources = new FixedSources(
            new TrackedSource(ShopIngress, shopUid, "1"),
            new TrackedSource(new Source("Ingress", "shop", "gone"), "old-uid", "1"),
            new TrackedSource(new Source("TunnelBinding", "team-a", "original"), original, "1"),
            new TrackedSource(new Source("TunnelBinding", "team-a", "removed"), "removed-uid", "1"),
            new TrackedSource(new Source("TunnelBinding", "team-a", "team-a-apps"), "uid-of-an-earlier-incarnation", "1"),
            new TrackedSource(new Source("Service", "shop", "storefront"), "service-uid", "1"));

        await HandleAsync(new ChangeBatch([]) { Sweep = true }, sources);

        Assert.Equal(
            [new("Ingress", "shop", "gone", "old-uid", revision), new("TunnelBinding", "team-a", "removed", "removed-uid", revision)],
            Signals.Deleted.Select(d => (d.Source.Kind, d.Source.Namespace, d.Source.Name, d.Uid, d.ResourceVersion)));
        var retranslated = Assert.Single(Signals.Applied);
        Assert.Equal(new Source("TunnelBinding", "team-a", "team-a-apps"), retranslated.Source);
        Assert.Equal(Uid((await GetAsync($"{Operator}/v1alpha1", "TunnelBinding", "team-a", "team-a-apps"))!), retranslated.Uid);
        Assert.Contains(Log.Collector.GetSnapshot(), r => r.Message.Contains("Service/shop/storefront", StringComparison.Ordinal) && r.Message.Contains("skipped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_change_is_logged_and_skipped_and_the_rest_of_the_batch_goes_on()
    {
        await ApplySamplesAsync();

        await HandleAsync(
            Change(Networking, "Ingress", "shop", "Not_A_Name"),
            Change("", "Pod", "shop", "web"),
            Change(Networking, "Ingress", null, "no-namespace"),
            Change(Networking, "Ingress", "shop", "shop"));

        Assert.Equal(ShopIngress, Assert.Single(Signals.Applied).Source);
        var skipped = Log.Collector.GetSnapshot().Where(r => r.Message.Contains("skipped", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, skipped.Count);
        Assert.Contains(skipped, r => r.Message.Contains("Not_A_Name", StringComparison.Ordinal) && r.Message.Contains("name:", StringComparison.Ordinal));
        Assert.Contains(skipped, r => r.Message.Contains("'Pod' is not a kind CfSync reads", StringComparison.Ordinal));
        Assert.Contains(skipped, r => r.Message.Contains("namespace:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"changes\":null}")]
    [InlineData("[1,2]")]
    public async Task A_malformed_message_throws_format_exception(string message)
    {
        await Assert.ThrowsAsync<FormatException>(() => Watcher.HandleAsync(message, Signals, new FixedSources(), CancellationToken.None));
        Assert.Empty(Signals.Sent);
    }

    [Fact]
    public async Task A_finalizer_write_that_keeps_conflicting_gives_up_without_signalling()
    {
        await ApplySamplesAsync();
        using var fault = Server.InjectFault(new ApiFault("patch", "ingresses", 409) { Group = Networking });

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => HandleAsync(Change(Networking, "Ingress", "shop", "shop")));

        Assert.Contains("Ingress/shop/shop: metadata.finalizers", failure.Message, StringComparison.Ordinal);
        Assert.Empty(Signals.Sent);
    }
}
