using CfSync.Core.Resources;
using CfSync.Core.Tunnels;

namespace CfSync.Translation.Tests;

public sealed class TunnelBindingTranslatorTests
{
    private static string Binding(string subjects, string tunnelRef = "{kind: ClusterTunnel, name: edge}") => $"""
        apiVersion: networking.cloudflare-operator.io/v1alpha1
        kind: TunnelBinding
        metadata: {"{"}name: bind, namespace: default{"}"}
        tunnelRef: {tunnelRef}
        subjects:
        {subjects}
        """;

    private static TranslationResult Translate(params string[] extra) => Cluster.Translate("TunnelBinding", "bind", [Cluster.Base, .. extra]);

    [Fact]
    public void Subjects_become_rules_with_fqdn_or_name_dot_domain_and_the_service_port()
    {
        var rules = Cluster.Rules(Translate(Binding("""
            - name: web
            - kind: Service
              name: web
              spec: {fqdn: www.example.org, protocol: https, path: "^/app"}
            - name: web
              spec: {fqdn: raw.example.org, target: "tcp://db.data.svc:5432"}
            """)));
        Assert.Equal(
            [
                new IngressRule("web.example.com", null, "http://web.default.svc:80"),
                new IngressRule("www.example.org", "^/app", "https://web.default.svc:443"),
                new IngressRule("raw.example.org", null, "tcp://db.data.svc:5432"),
            ],
            rules);
    }

    [Fact]
    public void A_binding_to_a_tunnel_being_deleted_feeds_it_nothing_and_says_why()
    {
        const string Going = """
            apiVersion: networking.cloudflare-operator.io/v1alpha2
            kind: Tunnel
            metadata: {name: going, namespace: default, deletionTimestamp: "2026-01-01T00:00:00Z", finalizers: [x]}
            status: {tunnelId: tunnel-going, accountId: acc-1}
            """;
        var result = Translate(Going, Binding("- name: web", "{kind: Tunnel, name: going}"));
        Assert.Empty(result.Registrations);
        Assert.Contains("tunnelRef: Tunnel default/going is being deleted", Assert.Single(result.Rejections).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_port_gives_the_scheme_by_convention()
    {
        var service = "apiVersion: v1\nkind: Service\nmetadata: {name: secure, namespace: default}\nspec: {ports: [{name: tls, port: 443}, {name: http, port: 80}]}\n";
        var rule = Assert.Single(Cluster.Rules(Translate(service, Binding("- name: secure"))));
        Assert.Equal("https://secure.default.svc:443", rule.Service);
    }

    [Fact]
    public void The_origin_request_carries_only_what_the_subject_sets()
    {
        var rules = Cluster.Rules(Translate(Binding("""
            - name: web
              spec: {noTlsVerify: true, http2Origin: false, caPool: /ca.pem, proxyAddress: 127.0.0.1, proxyPort: 0, proxyType: ""}
            - name: web
              spec: {fqdn: proxy.example.com, proxyAddress: 10.1.1.1, proxyPort: 1080, proxyType: socks, http2Origin: true}
            - name: web
              spec: {fqdn: plain.example.com, noTlsVerify: false, proxyAddress: 127.0.0.1, proxyPort: 0}
            """)));
        Assert.Equal(new OriginRequest { NoTlsVerify = true, CaPool = "/ca.pem" }, rules[0].OriginRequest);
        Assert.Equal(new OriginRequest { Http2Origin = true, ProxyAddress = "10.1.1.1", ProxyPort = 1080, ProxyType = "socks" }, rules[1].OriginRequest);
        Assert.Null(rules[2].OriginRequest);
    }

    [Fact]
    public void A_tunnel_ref_of_kind_tunnel_is_in_the_bindings_namespace()
    {
        var registration = Assert.Single(Translate(Binding("- {name: web, spec: {fqdn: a.example.com}}", "{kind: Tunnel, name: team}")).Registrations, r => r.Resource.ResourceType == ResourceType.TunnelConfiguration);
        Assert.Equal("tunnel-team", registration.Resource.CloudflareId);
        Assert.Equal("TunnelBinding/default/bind", registration.Contribution.Source.Key);
    }

    [Theory]
    [InlineData("{kind: Tunnel, name: missing}", "TunnelBinding/default/bind: tunnelRef: Tunnel default/missing not found")]
    [InlineData("{name: edge}", "TunnelBinding/default/bind: tunnelRef.kind: '' must be Tunnel or ClusterTunnel")]
    public void An_unresolvable_tunnel_is_rejected_without_a_resource(string tunnelRef, string reason)
    {
        var result = Translate(Binding("- name: web", tunnelRef));
        Assert.Equal(reason, Cluster.Reason(result));
        Assert.Null(result.Rejections[0].Resource);
    }

    [Theory]
    [InlineData("- name: gone", "TunnelBinding/default/bind: subjects[0].name: Service default/gone not found")]
    [InlineData("- {kind: Pod, name: web}", "TunnelBinding/default/bind: subjects[0].kind: 'Pod' is not supported: a subject is a Service")]
    public void Unresolvable_subjects_are_rejected_against_the_tunnel(string subjects, string reason)
    {
        var result = Translate(Binding(subjects));
        Assert.Equal(reason, Cluster.Reason(result));
        Assert.Equal("tunnel-edge", result.Rejections[0].Resource?.CloudflareId);
    }

    [Fact]
    public void Without_fqdn_the_tunnel_needs_a_domain()
    {
        var reason = Cluster.Reason(Translate(Binding("- name: web", "{kind: Tunnel, name: team}")));
        Assert.Equal("TunnelBinding/default/bind: subjects[0].spec.fqdn: is required: Tunnel team has no spec.cloudflare.domain", reason);
    }

    // The original operator's group: same shape, read the same, so its users' bindings keep working.
    [Fact]
    public void A_binding_of_the_original_operators_group_is_read_like_ours()
    {
        var binding = Binding("- {name: web, spec: {fqdn: a.example.com}}").Replace("networking.cloudflare-operator.io/v1alpha1", "networking.cfargotunnel.com/v1alpha1", StringComparison.Ordinal);
        var result = Translate(binding);
        Assert.Equal([new IngressRule("a.example.com", null, "http://web.default.svc:80")], Cluster.Rules(result));
        Assert.Equal("TunnelBinding/default/bind", result.Registrations[0].Contribution.Source.Key);
    }

    // An unknown version of that group is refused like one of ours, naming the versions read.
    [Fact]
    public void An_unknown_version_of_the_original_operators_group_is_rejected()
    {
        var binding = Binding("- name: web").Replace("networking.cloudflare-operator.io/v1alpha1", "networking.cfargotunnel.com/v2", StringComparison.Ordinal);
        Assert.Equal(
            "TunnelBinding/default/bind: apiVersion: 'networking.cfargotunnel.com/v2' is not supported (use networking.cfargotunnel.com/v1alpha1)",
            Cluster.Reason(Translate(binding)));
    }

    // Writing subjects under spec (as most CRDs do) is the common mistake; say so instead of "tunnelRef: is required".
    [Theory]
    [InlineData("spec:\n  subjects: [{name: web}]\n  tunnelRef: {kind: ClusterTunnel, name: edge}\n", "spec.subjects")]
    [InlineData("spec:\n  tunnelRef: {kind: ClusterTunnel, name: edge}\n", "spec.tunnelRef")]
    public void Subjects_nested_under_spec_are_rejected_saying_so(string spec, string field)
    {
        var binding = "apiVersion: networking.cfargotunnel.com/v1alpha1\nkind: TunnelBinding\nmetadata: {name: bind, namespace: default}\n" + spec;
        Assert.Equal(
            $"TunnelBinding/default/bind: {field}: a TunnelBinding has subjects and tunnelRef at the top level, not under spec: move them out of spec",
            Cluster.Reason(Translate(binding)));
    }

    // The user wrote subjects[1].spec.fqdn; the aggregate would only know the flattened rules[1].
    [Fact]
    public void An_invalid_fqdn_is_reported_against_the_subject()
    {
        var reason = Cluster.Reason(Translate(Binding("""
            - {name: web, spec: {fqdn: a.example.com}}
            - {name: web, spec: {fqdn: "bad_host!.example.com"}}
            """)));
        Assert.StartsWith("TunnelBinding/default/bind: subjects[1].spec.fqdn: ", reason, StringComparison.Ordinal);
    }

    // Origin checks name the subject's own field.
    [Fact]
    public void An_invalid_proxy_type_is_reported_against_the_subject_spec()
    {
        var reason = Cluster.Reason(Translate(Binding("- {name: web, spec: {fqdn: a.example.com, proxyType: http}}")));
        Assert.Equal("TunnelBinding/default/bind: subjects[0].spec.proxyType: 'http' is not a proxy type (use \"\" or \"socks\")", reason);
    }
}
