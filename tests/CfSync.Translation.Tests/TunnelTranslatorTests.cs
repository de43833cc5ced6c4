using CfSync.Core.Resources;
using CfSync.Core.Tunnels;

namespace CfSync.Translation.Tests;

public sealed class TunnelTranslatorTests
{
    [Fact]
    public void A_cluster_tunnel_contributes_its_settings_under_its_existing_id_and_account()
    {
        var result = Cluster.Translate("ClusterTunnel", "edge", Cluster.Base);
        Assert.Empty(result.Rejections);
        var registration = Assert.Single(result.Registrations);
        Assert.Equal(new ResourceIdentity(ResourceType.TunnelConfiguration, "tunnel-edge"), registration.Resource);
        Assert.Equal(new ResourceScope("acc-1"), registration.Scope);
        Assert.Equal("ClusterTunnel/edge", registration.Contribution.Source.Key);
        Assert.Equal(new TunnelSettingsFragment(true), registration.Contribution.Fragment);
        Assert.Equal(10, registration.Contribution.Priority);
        Assert.Equal(DateTimeOffset.Parse("2024-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture), registration.Contribution.CreatedAt);
    }

    [Fact]
    public void A_tunnel_uses_its_status_id_and_prefers_the_spec_account()
    {
        var registration = Assert.Single(Cluster.Translate("Tunnel", "team", Cluster.Base).Registrations);
        Assert.Equal("tunnel-team", registration.Resource.CloudflareId);
        Assert.Equal("acc-2", registration.Scope.AccountId);
        Assert.Equal("Tunnel/default/team", registration.Contribution.Source.Key);
        Assert.Null(registration.Contribution.CreatedAt);
    }

    [Fact]
    public void Settings_carry_fallback_and_tunnel_level_origin_and_the_status_account()
    {
        var registration = Assert.Single(Cluster.Translate("Tunnel", "t", """
            apiVersion: networking.cloudflare-operator.io/v1alpha1
            kind: Tunnel
            metadata: {name: t, namespace: ns}
            spec: {fallbackTarget: "http_status:503", noTlsVerify: true, originCaPool: /etc/ca.pem}
            status: {tunnelId: tid, accountId: acc-status}
            """).Registrations);
        Assert.Equal("acc-status", registration.Scope.AccountId);
        var settings = Assert.IsType<TunnelSettingsFragment>(registration.Contribution.Fragment);
        Assert.False(settings.WarpRouting);
        Assert.Equal("http_status:503", settings.FallbackTarget);
        Assert.Equal(new OriginRequest { NoTlsVerify = true, CaPool = "/etc/ca.pem" }, settings.OriginRequest);
    }

    [Fact]
    public void NoTlsVerify_false_sends_no_origin_request()
    {
        var registration = Assert.Single(Cluster.Translate("ClusterTunnel", "t", """
            apiVersion: networking.cloudflare-operator.io/v1alpha2
            kind: ClusterTunnel
            metadata: {name: t}
            spec: {existingTunnel: {id: tid}, noTlsVerify: false}
            """).Registrations);
        Assert.Null(Assert.IsType<TunnelSettingsFragment>(registration.Contribution.Fragment).OriginRequest);
        Assert.Equal(ResourceScope.None, registration.Scope);
    }

    [Fact]
    public void A_tunnel_not_created_yet_is_rejected_without_a_resource()
    {
        var result = Cluster.Translate("Tunnel", "new", """
            apiVersion: networking.cloudflare-operator.io/v1alpha2
            kind: Tunnel
            metadata: {name: new, namespace: default}
            spec: {newTunnel: {name: new}}
            """);
        var rejection = Assert.Single(result.Rejections);
        Assert.Null(rejection.Resource);
        Assert.StartsWith("Tunnel/default/new: status.tunnelId: tunnel not created yet", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsupported_version_is_rejected_and_an_object_being_deleted_translates_to_nothing()
    {
        Assert.Equal(
            "ClusterTunnel/t: apiVersion: 'networking.cloudflare-operator.io/v1beta1' is not supported (use networking.cloudflare-operator.io/v1alpha1 or networking.cloudflare-operator.io/v1alpha2)",
            Cluster.Reason(Cluster.Translate("ClusterTunnel", "t", "apiVersion: networking.cloudflare-operator.io/v1beta1\nkind: ClusterTunnel\nmetadata: {name: t}\n")));

        var deleting = Cluster.Translate("ClusterTunnel", "t", """
            apiVersion: networking.cloudflare-operator.io/v1alpha2
            kind: ClusterTunnel
            metadata: {name: t, deletionTimestamp: "2024-05-01T00:00:00Z"}
            spec: {existingTunnel: {id: tid}}
            """);
        Assert.Same(TranslationResult.Empty, deleting);
    }

    [Theory]
    [InlineData("Service", "web")]
    [InlineData("IngressClass", "cloudflare")]
    [InlineData("Gateway", "gw")]
    [InlineData("GatewayClass", "cloudflare")]
    [InlineData("TunnelIngressClassConfig", "cfg")]
    [InlineData("TunnelGatewayClassConfig", "gw-cfg")]
    public void Looked_up_kinds_translate_to_nothing(string kind, string name)
    {
        Assert.Same(TranslationResult.Empty, Cluster.Translate(kind, name, Cluster.Base));
    }

    [Fact]
    public void Kinds_that_are_not_ours_translate_to_nothing()
    {
        Assert.Same(TranslationResult.Empty, Cluster.Translate("Tunnel", "x", "apiVersion: example.com/v1\nkind: Tunnel\nmetadata: {name: x, namespace: a}\n"));
    }

    [Fact]
    public void A_field_of_the_wrong_type_is_a_rejection_naming_the_field()
    {
        var reason = Cluster.Reason(Cluster.Translate("ClusterTunnel", "t", """
            apiVersion: networking.cloudflare-operator.io/v1alpha2
            kind: ClusterTunnel
            metadata: {name: t}
            spec: {existingTunnel: {id: tid}, enableWarpRouting: [1]}
            """));
        Assert.Equal("ClusterTunnel/t: spec.enableWarpRouting: has the wrong type", reason);
    }
}
