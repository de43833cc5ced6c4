using CfSync.Core.Dns;
using CfSync.Core.Resources;

namespace CfSync.Translation.Tests;

/// <summary>
/// What Ingresses, HTTPRoutes and TunnelBindings give their tunnel's DNS records beside its configuration: their
/// hostnames, unless the class config, the dns-management annotation or disableDNSUpdates opts out.
/// </summary>
public sealed class HostnameRecordsTests
{
    private static readonly ResourceIdentity EdgeRecords = new(ResourceType.TunnelDnsRecords, "tunnel-edge");

    private const string IngressConfig = "metadata: {name: cfg, namespace: infra}\nspec:\n  tunnelRef: {kind: ClusterTunnel, name: edge}";
    private const string GatewayConfig = "metadata: {name: gw-cfg, namespace: infra}\nspec:\n  tunnelRef: {kind: ClusterTunnel, name: edge}";

    private static string WithClassDns(string config, string fields) =>
        Cluster.Base.Replace(config, config + "\n  " + fields.Replace("\n", "\n  ", StringComparison.Ordinal), StringComparison.Ordinal);

    private static string Ingress(string annotations = "{}") => """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: app, namespace: default, creationTimestamp: "2024-03-01T00:00:00Z", annotations: ANNOTATIONS}
        spec:
          ingressClassName: cloudflare
          defaultBackend: {service: {name: web, port: {number: 80}}}
          rules:
          - host: Shop.example.com
            http:
              paths:
              - {path: /api, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
              - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
          - host: "*.apps.example.com"
            http:
              paths:
              - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
          - http:
              paths:
              - {path: /healthz, pathType: Exact, backend: {service: {name: web, port: {number: 80}}}}
        """.Replace("ANNOTATIONS", annotations, StringComparison.Ordinal);

    private static TranslationResult TranslateIngress(string annotations = "{}", string? cluster = null) =>
        Cluster.Translate("Ingress", "app", cluster ?? Cluster.Base, Ingress(annotations));

    private static string Route(string parents, string hostnames = "[a.example.com]") => $"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {"{"}name: route, namespace: default{"}"}
        spec:
          parentRefs: {parents}
          hostnames: {hostnames}
          rules:
          - backendRefs: [{"{"}name: web, port: 80{"}"}]
        """;

    private static string Binding(string tunnelRef, string annotations = "{}") => $"""
        apiVersion: networking.cloudflare-operator.io/v1alpha1
        kind: TunnelBinding
        metadata: {"{"}name: bind, namespace: default, annotations: {annotations}{"}"}
        tunnelRef: {tunnelRef}
        subjects:
        - name: web
        - name: web
          spec: {"{"}fqdn: api.example.org, path: "^/v1"{"}"}
        - name: web
          spec: {"{"}fqdn: api.example.org, path: "^/v2"{"}"}
        """;

    private static TranslationResult TranslateBinding(string tunnelRef = "{kind: ClusterTunnel, name: edge}", string annotations = "{}") =>
        Cluster.Translate("TunnelBinding", "bind", Cluster.Base, Binding(tunnelRef, annotations));

    [Fact]
    public void An_ingress_gives_its_tunnels_dns_records_each_named_host_once_lower_case_and_sorted_without_the_catch_all()
    {
        var result = TranslateIngress();
        var configuration = Assert.Single(result.Registrations, r => r.Resource.ResourceType == ResourceType.TunnelConfiguration);
        var records = Assert.IsType<Registration>(Cluster.DnsRegistration(result));
        Assert.Equal(EdgeRecords, records.Resource);
        Assert.Equal(configuration.Scope, records.Scope);
        Assert.Equal(configuration.Contribution.Source, records.Contribution.Source);
        Assert.Equal(configuration.Contribution.CreatedAt, records.Contribution.CreatedAt);
        Assert.Equal([new TunnelHostname("*.apps.example.com"), new TunnelHostname("shop.example.com")], Cluster.Hostnames(result));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void An_http_route_gives_its_hostnames_and_one_without_hostnames_gives_no_records()
    {
        var named = Cluster.Translate("HTTPRoute", "route", Cluster.Base, Route("[{name: gw}]", "[b.example.com, A.example.com]"));
        Assert.Equal(EdgeRecords, Cluster.DnsRegistration(named)?.Resource);
        Assert.Equal(["a.example.com", "b.example.com"], Cluster.Hostnames(named).Select(h => h.Name));

        var pathOnly = Route("[{name: gw}]", "[]").Replace("- backendRefs:", "- matches: [{path: {type: PathPrefix, value: /api}}]\n    backendRefs:", StringComparison.Ordinal);
        var unnamed = Cluster.Translate("HTTPRoute", "route", Cluster.Base, pathOnly);
        Assert.Single(Cluster.Rules(unnamed));
        Assert.Null(Cluster.DnsRegistration(unnamed));
    }

    [Fact]
    public void A_route_reaching_two_tunnels_gives_its_records_to_the_first_and_says_so_for_the_other()
    {
        var team = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {name: team}
            spec:
              controllerName: cloudflare-operator.io/tunnel-gateway-controller
              parametersRef: {group: networking.cloudflare-operator.io, kind: TunnelGatewayClassConfig, name: team-cfg, namespace: default}
            ---
            apiVersion: networking.cloudflare-operator.io/v1alpha2
            kind: TunnelGatewayClassConfig
            metadata: {name: team-cfg, namespace: default}
            spec:
              tunnelRef: {kind: Tunnel, name: team}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: team-gw, namespace: default}
            spec: {gatewayClassName: team}
            """;
        var result = Cluster.Translate("HTTPRoute", "route", Cluster.Base, team, Route("[{name: gw}, {name: team-gw}]"));

        Assert.Equal(
            ["TunnelConfiguration/tunnel-edge", "TunnelDnsRecords/tunnel-edge", "TunnelConfiguration/tunnel-team"],
            result.Registrations.Select(r => r.Resource.ToString()));
        var warning = Assert.Single(result.Warnings);
        Assert.Null(warning.Resource);
        Assert.StartsWith("HTTPRoute/default/route: spec.parentRefs[1]: Gateway default/team-gw -> ", warning.Message, StringComparison.Ordinal);
        Assert.Contains("DNS records to tunnel tunnel-edge", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_binding_gives_every_subjects_hostname_once()
    {
        var result = TranslateBinding();
        Assert.Equal(EdgeRecords, Cluster.DnsRegistration(result)?.Resource);
        Assert.Equal(["api.example.org", "web.example.com"], Cluster.Hostnames(result).Select(h => h.Name));
    }

    [Fact]
    public void Disable_dns_updates_gives_no_records_and_wins_over_the_annotation_with_a_warning()
    {
        var disabled = TranslateBinding("{kind: ClusterTunnel, name: edge, disableDNSUpdates: true}");
        Assert.Equal(3, Cluster.Rules(disabled).Count);
        Assert.Null(Cluster.DnsRegistration(disabled));
        Assert.Empty(disabled.Warnings);

        var annotated = TranslateBinding("{kind: ClusterTunnel, name: edge, disableDNSUpdates: true}", "{networking.cloudflare-operator.io/dns-management: Automatic}");
        Assert.Null(Cluster.DnsRegistration(annotated));
        Assert.Equal(
            "TunnelBinding/default/bind: metadata.annotations[networking.cloudflare-operator.io/dns-management]: Automatic is ignored: tunnelRef.disableDNSUpdates is true, so CfSync writes no DNS records for this object",
            Assert.Single(annotated.Warnings).Message);

        Assert.NotNull(Cluster.DnsRegistration(TranslateBinding("{kind: ClusterTunnel, name: edge, disableDNSUpdates: false}")));
    }

    [Fact]
    public void A_class_config_with_manual_dns_gives_no_records_for_ingresses_and_routes()
    {
        var ingress = TranslateIngress(cluster: WithClassDns(IngressConfig, "dnsManagement: Manual"));
        Assert.Equal(6, Cluster.Rules(ingress).Count);
        Assert.Null(Cluster.DnsRegistration(ingress));
        Assert.Empty(ingress.Warnings);

        var route = Cluster.Translate("HTTPRoute", "route", WithClassDns(GatewayConfig, "dnsManagement: Manual"), Route("[{name: gw}]"));
        Assert.Single(Cluster.Rules(route));
        Assert.Null(Cluster.DnsRegistration(route));
    }

    [Theory]
    [InlineData("", "Manual", false)]
    [InlineData("dnsManagement: Manual", "Manual", false)]
    [InlineData("dnsManagement: Manual", "Automatic", true)]
    [InlineData("dnsManagement: Manual", "automatic", true)]
    [InlineData("dnsManagement: Automatic", "Manual", false)]
    public void The_annotation_overrides_the_class_config(string classFields, string annotation, bool records)
    {
        var result = TranslateIngress($"{{networking.cloudflare-operator.io/dns-management: {annotation}}}", WithClassDns(IngressConfig, classFields));
        Assert.Equal(records, Cluster.DnsRegistration(result) is not null);
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData("", true, "Automatic")]
    [InlineData("dnsManagement: Manual", false, "Manual")]
    public void An_unknown_annotation_value_is_warned_and_the_class_value_kept(string classFields, bool records, string kept)
    {
        var result = TranslateIngress("{networking.cloudflare-operator.io/dns-management: DNSRecord}", WithClassDns(IngressConfig, classFields));
        var dns = Cluster.DnsRegistration(result);
        Assert.Equal(records, dns is not null);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(
            $"Ingress/default/app: metadata.annotations[networking.cloudflare-operator.io/dns-management]: 'DNSRecord' must be Automatic or Manual; it is ignored and dnsManagement stays {kept}",
            warning.Message);

        // Against the records when the object feeds them; else against everything it feeds, so it is never lost.
        Assert.Equal(dns?.Resource, warning.Resource);
        Assert.Contains(result.Planned(), p => p.Source.Warnings.Contains(warning.Message));
    }

    [Fact]
    public void Dns_record_management_is_served_as_automatic_with_a_warning_naming_the_class_field()
    {
        var result = TranslateIngress(cluster: WithClassDns(IngressConfig, "dnsManagement: DNSRecord"));
        Assert.Equal(2, Cluster.Hostnames(result).Count);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(EdgeRecords, warning.Resource);
        Assert.Equal(
            "Ingress/default/app: spec.ingressClassName: IngressClass cloudflare -> TunnelIngressClassConfig infra/cfg: spec.dnsManagement: DNSRecord: CfSync writes the hostnames' CNAMEs itself, as with Automatic; it creates no DNSRecord objects",
            warning.Message);
    }

    [Fact]
    public void Dns_proxied_false_and_the_adopt_annotation_are_carried_on_every_hostname()
    {
        var ingress = TranslateIngress("{networking.cloudflare-operator.io/adopt: \"true\"}", WithClassDns(IngressConfig, "dnsProxied: false"));
        Assert.All(Cluster.Hostnames(ingress), h => Assert.Equal((false, true), (h.Proxied, h.Adopt)));

        var route = Cluster.Translate("HTTPRoute", "route", WithClassDns(GatewayConfig, "dnsProxied: false"), Route("[{name: gw}]"));
        Assert.Equal([new TunnelHostname("a.example.com", Proxied: false)], Cluster.Hostnames(route));

        var binding = TranslateBinding(annotations: "{networking.cloudflare-operator.io/adopt: \"true\"}");
        Assert.All(Cluster.Hostnames(binding), h => Assert.Equal((true, true), (h.Proxied, h.Adopt)));
    }

    [Fact]
    public void A_rejected_object_gives_no_records()
    {
        var rejected = Cluster.Translate("Ingress", "app", Cluster.Base, Ingress().Replace("{path: /api, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}", "{path: /api, pathType: Prefix, backend: {service: {name: web, port: {number: 81}}}}", StringComparison.Ordinal));
        Assert.Contains("has no port 81", Cluster.Reason(rejected), StringComparison.Ordinal);

        var unresolved = TranslateBinding("{kind: Tunnel, name: missing}");
        Assert.Empty(unresolved.Registrations);
        Assert.Null(Assert.Single(unresolved.Rejections).Resource);
    }

    // The source entity unregisters from every resource its new translation no longer names: opting out is that.
    [Fact]
    public void Opting_out_drops_the_dns_resource_from_what_the_object_feeds_and_keeps_its_tunnel_configuration()
    {
        var before = TranslateIngress().Planned().Select(p => p.Resource).ToList();
        var after = TranslateIngress("{networking.cloudflare-operator.io/dns-management: Manual}").Planned().Select(p => p.Resource).ToList();
        Assert.Equal([new ResourceIdentity(ResourceType.TunnelConfiguration, "tunnel-edge"), EdgeRecords], before);
        Assert.Equal([new ResourceIdentity(ResourceType.TunnelConfiguration, "tunnel-edge")], after);
    }
}
