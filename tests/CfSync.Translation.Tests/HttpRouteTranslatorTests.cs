using CfSync.Core.Resources;
using CfSync.Core.Tunnels;

namespace CfSync.Translation.Tests;

public sealed class HttpRouteTranslatorTests
{
    private static string Route(string spec) => $"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {"{"}name: route, namespace: default{"}"}
        spec:
        {spec}
        """;

    private static TranslationResult Translate(params string[] extra) => Cluster.Translate("HTTPRoute", "route", [Cluster.Base, .. extra]);

    [Fact]
    public void Hostnames_times_matches_give_rules_for_the_gateway_class_tunnel()
    {
        var result = Translate(Route("""
              parentRefs: [{name: gw}]
              hostnames: [a.example.com, b.example.com]
              rules:
              - matches:
                - path: {type: PathPrefix, value: /api}
                - path: {type: Exact, value: /health}
                - path: {type: RegularExpression, value: "^/v[0-9]+/"}
                backendRefs: [{name: web, port: 80}]
            """));
        var registration = Assert.Single(result.Registrations, r => r.Resource.ResourceType == ResourceType.TunnelConfiguration);
        Assert.Equal("tunnel-edge", registration.Resource.CloudflareId);
        Assert.Equal("HTTPRoute/default/route", registration.Contribution.Source.Key);
        const string Web = "http://web.default.svc:80";
        Assert.Equal(
            [
                new IngressRule("a.example.com", @"^/api(/.*)?$", Web), new IngressRule("b.example.com", @"^/api(/.*)?$", Web),
                new IngressRule("a.example.com", "^/health$", Web), new IngressRule("b.example.com", "^/health$", Web),
                new IngressRule("a.example.com", "^/v[0-9]+/", Web), new IngressRule("b.example.com", "^/v[0-9]+/", Web),
            ],
            Cluster.Rules(result));
    }

    [Fact]
    public void No_matches_mean_every_path_and_app_protocol_picks_the_scheme()
    {
        var rule = Assert.Single(Cluster.Rules(Translate(Route("""
              parentRefs: [{name: gw, namespace: default, group: gateway.networking.k8s.io, kind: Gateway}]
              hostnames: [a.example.com]
              rules:
              - backendRefs: [{name: web, port: 9000}]
            """))));
        Assert.Equal(new IngressRule("a.example.com", null, "wss://web.default.svc:9000"), rule);
    }

    // Every host and every path would take the whole tunnel, which only its fallbackTarget may do; the core would
    // reject it as rules[0], so the translator names the missing hostnames instead.
    [Fact]
    public void No_hostnames_and_no_matches_are_rejected_naming_the_hostnames()
    {
        var reason = Cluster.Reason(Translate(Route("""
              parentRefs: [{name: gw}]
              rules:
              - backendRefs: [{name: web, port: 80}]
            """)));
        Assert.StartsWith("HTTPRoute/default/route: spec.hostnames: a rule without hostname and path would catch every request", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- matches: [{headers: [{name: x-env, value: prod}]}]\n    backendRefs: [{name: web, port: 80}]", "spec.rules[0].matches[0].headers: header matches are not supported")]
    [InlineData("- matches: [{queryParams: [{name: q, value: v}]}]\n    backendRefs: [{name: web, port: 80}]", "spec.rules[0].matches[0].queryParams: query parameter matches are not supported")]
    [InlineData("- matches: [{method: GET}]\n    backendRefs: [{name: web, port: 80}]", "spec.rules[0].matches[0].method: method matches are not supported")]
    [InlineData("- filters: [{type: RequestRedirect, requestRedirect: {scheme: https}}]\n    backendRefs: [{name: web, port: 80}]", "spec.rules[0].filters: filters are not supported")]
    [InlineData("- backendRefs: [{name: web, port: 80}, {name: web, port: 443}]", "spec.rules[0].backendRefs: 2 backends with non-zero weight: cloudflared cannot split traffic")]
    [InlineData("- backendRefs: [{name: web}]", "spec.rules[0].backendRefs[0].port: is required for a Service backend")]
    [InlineData("- backendRefs: [{name: web, port: 81}]", "spec.rules[0].backendRefs[0].port: Service default/web has no port 81")]
    [InlineData("- backendRefs: [{kind: Bucket, group: storage.example.com, name: b, port: 80}]", "spec.rules[0].backendRefs[0]: only Service backends are supported")]
    [InlineData("- backendRefs: []", "spec.rules[0].backendRefs: exactly one Service backend is required")]
    [InlineData("- matches: [{path: {type: Glob, value: /x}}]\n    backendRefs: [{name: web, port: 80}]", "spec.rules[0].matches[0].path.type: 'Glob' must be Exact, PathPrefix or RegularExpression")]
    public void What_cloudflared_cannot_route_is_rejected_against_the_tunnel(string rules, string reason)
    {
        var result = Translate(Route($"  parentRefs: [{{name: gw}}]\n  hostnames: [a.example.com]\n  rules:\n  {rules}"));
        Assert.Empty(result.Registrations);
        var rejection = Assert.Single(result.Rejections);
        Assert.StartsWith($"HTTPRoute/default/route: {reason}", rejection.Reason, StringComparison.Ordinal);
        Assert.Equal("tunnel-edge", rejection.Resource?.CloudflareId);
    }

    [Fact]
    public void A_zero_weight_backend_does_not_count_as_a_split()
    {
        var rule = Assert.Single(Cluster.Rules(Translate(Route("""
              parentRefs: [{name: gw}]
              hostnames: [a.example.com]
              rules:
              - backendRefs: [{name: web, port: 80, weight: 0}, {name: web, port: 443}]
            """))));
        Assert.Equal("https://web.default.svc:443", rule.Service);
    }

    [Fact]
    public void Parents_of_other_controllers_or_unknown_gateways_are_skipped()
    {
        var other = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {name: istio}
            spec: {controllerName: istio.io/gateway-controller}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: mesh, namespace: default}
            spec: {gatewayClassName: istio}
            """;
        var result = Translate(other, Route("""
              parentRefs: [{name: mesh}, {name: nowhere}, {kind: Service, group: "", name: web}]
              rules:
              - matches: [{headers: [{name: a, value: b}]}]
                backendRefs: [{name: web, port: 80}]
            """));
        Assert.Empty(result.Registrations);
        Assert.Empty(result.Rejections);
    }

    [Fact]
    public void Parents_leading_to_the_same_tunnel_give_one_fragment_and_different_tunnels_one_each()
    {
        var second = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: gw2, namespace: default}
            spec: {gatewayClassName: cloudflare}
            ---
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
              defaultOriginRequest: {connectTimeout: 5s}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: team-gw, namespace: default}
            spec: {gatewayClassName: team}
            """;
        var result = Translate(second, Route("""
              parentRefs: [{name: gw}, {name: gw2}, {name: team-gw}]
              hostnames: [a.example.com]
              rules:
              - backendRefs: [{name: web, port: 80}]
            """));
        Assert.Empty(result.Rejections);
        var configurations = result.Registrations.Where(r => r.Resource.ResourceType == ResourceType.TunnelConfiguration).ToList();
        Assert.Equal(["tunnel-edge", "tunnel-team"], configurations.Select(r => r.Resource.CloudflareId));
        Assert.Equal(["acc-1", "acc-2"], configurations.Select(r => r.Scope.AccountId));
        var teamRule = Assert.Single(Assert.IsType<IngressRulesFragment>(configurations[1].Contribution.Fragment).Rules);
        Assert.Equal(new OriginRequest { ConnectTimeout = 5 }, teamRule.OriginRequest);
        Assert.Null(Assert.Single(Assert.IsType<IngressRulesFragment>(configurations[0].Contribution.Fragment).Rules).OriginRequest);
    }

    [Fact]
    public void A_missing_tunnel_behind_our_gateway_is_rejected_without_a_resource()
    {
        var baseMissing = Cluster.Base.Replace("metadata: {name: gw-cfg, namespace: infra}\nspec:\n  tunnelRef: {kind: ClusterTunnel, name: edge}", "metadata: {name: gw-cfg, namespace: infra}\nspec:\n  tunnelRef: {kind: Tunnel, name: missing}", StringComparison.Ordinal);
        var result = Cluster.Translate("HTTPRoute", "route", baseMissing, Route("  parentRefs: [{name: gw}]\n  rules:\n  - backendRefs: [{name: web, port: 80}]"));
        var rejection = Assert.Single(result.Rejections);
        Assert.Null(rejection.Resource);
        Assert.Equal(
            "HTTPRoute/default/route: spec.parentRefs[0]: Gateway default/gw -> GatewayClass cloudflare -> TunnelGatewayClassConfig infra/gw-cfg: spec.tunnelRef: Tunnel infra/missing not found",
            rejection.Reason);
    }

    // A backendRef always has a numeric port, so a Service not applied yet is routed as Kubernetes and peers do.
    [Fact]
    public void A_backend_whose_service_is_unknown_is_routed_with_a_warning()
    {
        var result = Translate(Route("""
              parentRefs: [{name: gw}]
              hostnames: [a.example.com]
              rules:
              - backendRefs: [{name: gone, namespace: other, port: 443}]
            """));
        Assert.Equal([new IngressRule("a.example.com", null, "https://gone.other.svc:443")], Cluster.Rules(result));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("HTTPRoute/default/route: spec.rules[0].backendRefs[0].name: Service other/gone not found; scheme https assumed", warning.Message);
        Assert.Null(warning.Resource);
    }

    // The aggregate would say rules[n] of the flattened hostnames x matches list; the user wrote spec.hostnames[1].
    [Fact]
    public void An_invalid_hostname_is_reported_against_the_hostnames_entry()
    {
        var reason = Cluster.Reason(Translate(Route("""
              parentRefs: [{name: gw}]
              hostnames: [a.example.com, "bad_host!.example.com"]
              rules:
              - matches: [{path: {value: /a}}, {path: {value: /b}}]
                backendRefs: [{name: web, port: 80}]
            """)));
        Assert.StartsWith("HTTPRoute/default/route: spec.hostnames[1]: ", reason, StringComparison.Ordinal);
    }

    // An invalid RE2 pattern names the match's path value, not a flattened rule index.
    [Fact]
    public void An_invalid_regular_expression_is_reported_against_the_match()
    {
        var reason = Cluster.Reason(Translate(Route("""
              parentRefs: [{name: gw}]
              hostnames: [a.example.com]
              rules:
              - backendRefs: [{name: web, port: 80}]
              - matches: [{path: {type: RegularExpression, value: "/(unclosed"}}]
                backendRefs: [{name: web, port: 80}]
            """)));
        Assert.StartsWith("HTTPRoute/default/route: spec.rules[1].matches[0].path.value: '/(unclosed' is not a valid regular expression", reason, StringComparison.Ordinal);
    }

    // sectionName is read but cloudflared has no listeners: the route reaches every listener, and the user is told.
    [Fact]
    public void A_section_name_is_named_in_a_warning()
    {
        var result = Translate(Route("""
              parentRefs: [{name: gw, sectionName: https}]
              hostnames: [a.example.com]
              rules:
              - backendRefs: [{name: web, port: 80}]
            """));
        Assert.Single(Cluster.Rules(result));
        Assert.Equal(
            "HTTPRoute/default/route: spec.parentRefs[0].sectionName: not applied yet; the route is attached to every listener of Gateway default/gw",
            Assert.Single(result.Warnings).Message);
    }
}
