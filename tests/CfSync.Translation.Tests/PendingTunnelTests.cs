using CfSync.Core.Resources;
using CfSync.Translation.Manifests;

namespace CfSync.Translation.Tests;

/// <summary>
/// A Tunnel made through newTunnel has no id in git: the engine must not apply it, render shows what it will carry
/// under <c>pending:&lt;source key&gt;</c> (with a warning), and ids supplied for it replace the pending one.
/// </summary>
public sealed class PendingTunnelTests
{
    private const string NewTunnel = """
        apiVersion: networking.cloudflare-operator.io/v1alpha2
        kind: Tunnel
        metadata: {name: fresh, namespace: team-a}
        spec:
          newTunnel: {name: team-a-fresh}
          cloudflare: {accountId: acc-1}
        ---
        apiVersion: networking.cloudflare-operator.io/v1alpha1
        kind: TunnelBinding
        metadata: {name: apps, namespace: team-a}
        tunnelRef: {kind: Tunnel, name: fresh}
        subjects:
        - name: web
          spec: {fqdn: web.example.com}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: team-a}
        spec:
          ports:
          - {name: http, port: 80}
        """;

    private static TranslationResult Translate(string kind, string name, TunnelIds ids)
    {
        var documents = ManifestReader.ReadText(NewTunnel, "new.yaml");
        var set = new ManifestSet(documents) { TunnelIds = ids };
        var target = documents.Single(d => (string?)d.Object["kind"] == kind && (string?)d.Object["metadata"]!["name"] == name);
        return ObjectTranslator.Translate(target.Object, set);
    }

    private static TunnelIds Pending(params (string Key, string Id)[] supplied) =>
        new(supplied.ToDictionary(s => s.Key, s => s.Id), Pending: true);

    [Fact]
    public void Without_supplied_ids_a_tunnel_without_id_is_still_rejected_so_the_engine_never_applies_it()
    {
        var result = Translate("Tunnel", "fresh", TunnelIds.None);
        Assert.Contains("tunnel not created yet", Cluster.Reason(result), StringComparison.Ordinal);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Render_shows_a_new_tunnels_settings_under_its_pending_identity_with_a_warning()
    {
        var result = Translate("Tunnel", "fresh", Pending());
        var registration = Assert.Single(result.Registrations);
        Assert.Equal(new ResourceIdentity(ResourceType.TunnelConfiguration, "pending:Tunnel/team-a/fresh"), registration.Resource);
        Assert.Equal("acc-1", registration.Scope.AccountId);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(registration.Resource, warning.Resource);
        Assert.StartsWith("Tunnel/team-a/fresh: Tunnel/team-a/fresh has no tunnel id yet", warning.Message, StringComparison.Ordinal);
        Assert.Contains("'pending:Tunnel/team-a/fresh'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_binding_to_a_new_tunnel_registers_its_rules_under_the_pending_identity_and_is_warned_too()
    {
        var result = Translate("TunnelBinding", "apps", Pending());
        Assert.Empty(result.Rejections);
        Assert.All(result.Registrations, r => Assert.Equal("pending:Tunnel/team-a/fresh", r.Resource.CloudflareId));
        Assert.Equal([ResourceType.TunnelConfiguration, ResourceType.TunnelDnsRecords], result.Warnings.Select(w => w.Resource!.ResourceType));
        Assert.All(result.Warnings, w => Assert.Equal("TunnelBinding/team-a/apps", w.Source.Key));
        Assert.All(result.Registrations, r => Assert.True(TunnelIds.IsPending(r.Resource)));
    }

    [Fact]
    public void A_supplied_id_replaces_the_pending_identity_and_there_is_nothing_to_warn_about()
    {
        var result = Translate("TunnelBinding", "apps", Pending(("Tunnel/team-a/fresh", "2b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d")));
        Assert.All(result.Registrations, r => Assert.Equal("2b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", r.Resource.CloudflareId));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void An_id_in_the_cluster_wins_over_a_supplied_one()
    {
        var documents = ManifestReader.ReadText(Cluster.Base, "base.yaml");
        var set = new ManifestSet(documents) { TunnelIds = Pending(("Tunnel/default/team", "00000000-0000-0000-0000-000000000001")) };
        var team = documents.Single(d => (string?)d.Object["metadata"]!["name"] == "team");
        Assert.Equal("tunnel-team", Assert.Single(ObjectTranslator.Translate(team.Object, set).Registrations).Resource.CloudflareId);
    }

    [Fact]
    public void Only_tunnel_configurations_with_the_prefix_are_pending()
    {
        Assert.True(TunnelIds.IsPending(new ResourceIdentity(ResourceType.TunnelConfiguration, "pending:ClusterTunnel/edge")));
        Assert.False(TunnelIds.IsPending(new ResourceIdentity(ResourceType.TunnelConfiguration, "2b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d")));
        Assert.False(TunnelIds.IsPending(new ResourceIdentity(ResourceType.DNSRecord, "pending:x")));
    }
}
