using CfSync.Core.Resources;
using CfSync.Core.Tunnels;

namespace CfSync.Translation.Tests;

public sealed class IngressTranslatorTests
{
    private static string Ingress(string spec, string metadataExtra = "", string ns = "default") => $"""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: app
          namespace: {ns}
          creationTimestamp: "2024-03-01T00:00:00Z"
        {metadataExtra}
        spec:
        {spec}
        """;

    private static string Rule(string host, string path, string pathType, string port) => $"""
          ingressClassName: cloudflare
          rules:
          - host: {host}
            http:
              paths:
              - path: {path}
                pathType: {pathType}
                backend:
                  service: {"{"}name: web, port: {port}{"}"}
        """;

    private static TranslationResult Translate(params string[] extra) => Cluster.Translate("Ingress", "app", [Cluster.Base, .. extra]);

    [Fact]
    public void A_prefix_rule_goes_to_the_class_tunnel_as_an_anchored_regex_to_the_service()
    {
        var result = Translate(Ingress(Rule("app.example.com", "/api", "Prefix", "{number: 80}")));
        var registration = Assert.Single(result.Registrations, r => r.Resource.ResourceType == ResourceType.TunnelConfiguration);
        Assert.Equal(new ResourceIdentity(ResourceType.TunnelConfiguration, "tunnel-edge"), registration.Resource);
        Assert.Equal(new ResourceScope("acc-1"), registration.Scope);
        Assert.Equal("Ingress/default/app", registration.Contribution.Source.Key);
        Assert.Equal(100, registration.Contribution.Priority);
        Assert.NotNull(registration.Contribution.CreatedAt);
        Assert.Equal([new IngressRule("app.example.com", @"^/api(/.*)?$", "http://web.default.svc:80")], Cluster.Rules(result));
    }

    // Exact -> anchored literal; Prefix and ImplementationSpecific -> element-wise prefix; "/" -> no path at all.
    [Theory]
    [InlineData("/a.b", "Exact", @"^/a\.b$")]
    [InlineData("/api/", "Prefix", @"^/api(/.*)?$")]
    [InlineData("/docs", "ImplementationSpecific", @"^/docs(/.*)?$")]
    [InlineData("/", "Prefix", null)]
    public void Path_types_become_core_path_patterns(string path, string pathType, string? expected)
    {
        var rule = Assert.Single(Cluster.Rules(Translate(Ingress(Rule("app.example.com", path, pathType, "{number: 80}")))));
        Assert.Equal(expected, rule.Path);
    }

    // The scheme order: annotation, appProtocol, port conventions, class default, http.
    [Theory]
    [InlineData("{name: p, port: 8080}", "", "", "http://web2.default.svc:8080")]
    [InlineData("{name: p, port: 8080}", "", "https", "https://web2.default.svc:8080")]
    [InlineData("{name: p, port: 8080, appProtocol: kubernetes.io/h2c}", "", "https", "http://web2.default.svc:8080")]
    [InlineData("{name: p, port: 8080, appProtocol: kubernetes.io/ws}", "", "", "ws://web2.default.svc:8080")]
    [InlineData("{name: p, port: 8080, appProtocol: kubernetes.io/wss}", "", "", "wss://web2.default.svc:8080")]
    [InlineData("{name: p, port: 8080, appProtocol: h2c}", "", "", "http://web2.default.svc:8080")]
    [InlineData("{name: p, port: 8080, appProtocol: HTTPS}", "", "", "https://web2.default.svc:8080")]
    [InlineData("{name: p, port: 8080, appProtocol: https}", "ws", "", "ws://web2.default.svc:8080")]
    [InlineData("{name: p, port: 443}", "", "http", "https://web2.default.svc:443")]
    [InlineData("{name: p, port: 8443, appProtocol: grpc}", "", "", "http://web2.default.svc:8443")]
    [InlineData("{name: web-https, port: 8443}", "", "", "https://web2.default.svc:8443")]
    [InlineData("{name: https, port: 8443}", "", "", "https://web2.default.svc:8443")]
    [InlineData("{name: p, port: 22}", "", "", "ssh://web2.default.svc:22")]
    [InlineData("{name: p, port: 3389}", "", "", "rdp://web2.default.svc:3389")]
    [InlineData("{name: p, port: 445}", "", "", "smb://web2.default.svc:445")]
    [InlineData("{name: p, port: 5432, appProtocol: tcp}", "", "https", "tcp://web2.default.svc:5432")]
    public void The_scheme_comes_from_annotation_then_app_protocol_then_conventions_then_class_default(
        string servicePort, string annotation, string defaultProtocol, string expected)
    {
        var service = $"apiVersion: v1\nkind: Service\nmetadata: {{name: web2, namespace: default}}\nspec:\n  ports:\n  - {servicePort}\n";
        var config = $"""
            apiVersion: networking.cloudflare-operator.io/v1alpha2
            kind: TunnelIngressClassConfig
            metadata: {"{"}name: cfg2, namespace: default{"}"}
            spec:
              tunnelRef: {"{"}kind: ClusterTunnel, name: edge{"}"}
              {(defaultProtocol.Length > 0 ? $"defaultProtocol: {defaultProtocol}" : "")}
            ---
            apiVersion: networking.k8s.io/v1
            kind: IngressClass
            metadata: {"{"}name: cf2{"}"}
            spec:
              controller: cloudflare-operator.io/tunnel-ingress-controller
              parameters: {"{"}apiGroup: networking.cloudflare-operator.io, kind: TunnelIngressClassConfig, name: cfg2{"}"}
            """;
        var annotations = annotation.Length > 0 ? $"  annotations: {{cloudflare-operator.io/backend-protocol: {annotation}}}" : "";
        var number = System.Text.RegularExpressions.Regex.Match(servicePort, @"port: (\d+)").Groups[1].Value;
        var ingress = Ingress($"""
              ingressClassName: cf2
              rules:
              - host: app.example.com
                http:
                  paths:
                  - {"{"}path: /, pathType: Prefix, backend: {"{"}service: {"{"}name: web2, port: {"{"}number: {number}{"}}}}"}
            """, annotations);
        Assert.Equal(expected, Assert.Single(Cluster.Rules(Translate(service, config, ingress))).Service);
    }

    [Fact]
    public void A_named_port_resolves_through_the_service()
    {
        var rule = Assert.Single(Cluster.Rules(Translate(Ingress(Rule("app.example.com", "/", "Prefix", "{name: https}")))));
        Assert.Equal("https://web.default.svc:443", rule.Service);
    }

    [Theory]
    [InlineData("{name: nope}", "Ingress/default/app: spec.rules[0].http.paths[0].backend.service.port.name: Service default/web has no port named \"nope\"")]
    [InlineData("{number: 81}", "Ingress/default/app: spec.rules[0].http.paths[0].backend.service.port.number: Service default/web has no port 81")]
    [InlineData("{}", "Ingress/default/app: spec.rules[0].http.paths[0].backend.service.port.name: a port number or name is required")]
    public void Unresolvable_ports_are_rejected_against_the_tunnel(string port, string reason)
    {
        var result = Translate(Ingress(Rule("app.example.com", "/", "Prefix", port)));
        Assert.Equal(reason, Cluster.Reason(result));
        Assert.Equal("tunnel-edge", result.Rejections[0].Resource?.CloudflareId);
        Assert.Equal("acc-1", result.Rejections[0].Scope?.AccountId);
    }

    [Fact]
    public void A_resource_backend_is_rejected()
    {
        var result = Translate(Ingress("""
              ingressClassName: cloudflare
              rules:
              - host: app.example.com
                http:
                  paths:
                  - {path: /, pathType: Prefix, backend: {resource: {apiGroup: k8s.example.com, kind: Bucket, name: b}}}
            """));
        Assert.StartsWith("Ingress/default/app: spec.rules[0].http.paths[0].backend.resource: resource backends are not supported", Cluster.Reason(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_and_nothing_is_registered()
    {
        var result = Translate(Ingress("""
              ingressClassName: cloudflare
              rules:
              - host: a.example.com
                http:
                  paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
                  - {path: /x, pathType: Regex, backend: {service: {name: web, port: {name: nope}}}}
            """));
        Assert.Empty(result.Registrations);
        Assert.Equal(
            ["Ingress/default/app: spec.rules[0].http.paths[1].pathType: 'Regex' must be Exact, Prefix or ImplementationSpecific",
             "Ingress/default/app: spec.rules[0].http.paths[1].backend.service.port.name: Service default/web has no port named \"nope\""],
            result.Rejections.Select(r => r.Reason));
    }

    [Fact]
    public void The_default_backend_adds_a_path_less_rule_per_named_host_after_the_path_rules()
    {
        var rules = Cluster.Rules(Translate(Ingress("""
              ingressClassName: cloudflare
              defaultBackend: {service: {name: web, port: {name: https}}}
              tls:
              - hosts: [tls-only.example.com]
              rules:
              - host: a.example.com
                http:
                  paths:
                  - {path: /api, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
              - host: b.example.com
              - http:
                  paths:
                  - {path: /health, pathType: Exact, backend: {service: {name: web, port: {number: 80}}}}
            """)));
        Assert.Equal(
            [
                new IngressRule("a.example.com", @"^/api(/.*)?$", "http://web.default.svc:80"),
                new IngressRule(null, "^/health$", "http://web.default.svc:80"),
                new IngressRule("a.example.com", null, "https://web.default.svc:443"),
                new IngressRule("b.example.com", null, "https://web.default.svc:443"),
            ],
            rules);
    }

    [Fact]
    public void A_default_backend_without_host_rules_is_rejected()
    {
        var reason = Cluster.Reason(Translate(Ingress("""
              ingressClassName: cloudflare
              defaultBackend: {service: {name: web, port: {number: 80}}}
            """)));
        Assert.Contains("spec.defaultBackend: an Ingress without host rules would capture every host", reason, StringComparison.Ordinal);
        Assert.Contains("fallbackTarget", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ingressClassName: nginx")]
    [InlineData("ingressClassName: missing")]
    [InlineData("rules: []")]
    public void Other_classes_and_no_class_translate_to_nothing(string spec)
    {
        var nginx = "apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: nginx}\nspec: {controller: k8s.io/ingress-nginx}\n";
        Assert.Same(TranslationResult.Empty, Translate(nginx, Ingress("  " + spec)));
    }

    [Fact]
    public void The_legacy_class_annotation_selects_the_class()
    {
        var result = Translate(Ingress("""
              rules:
              - host: a.example.com
                http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
            """, "  annotations: {kubernetes.io/ingress.class: cloudflare}"));
        Assert.Equal("tunnel-edge", Assert.Single(result.Registrations, r => r.Resource.ResourceType == ResourceType.TunnelConfiguration).Resource.CloudflareId);
    }

    [Fact]
    public void The_default_ingress_class_applies_when_none_is_named_but_not_when_two_claim_it()
    {
        var spec = """
              rules:
              - host: a.example.com
                http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
            """;
        var defaultClass = """
            apiVersion: networking.k8s.io/v1
            kind: IngressClass
            metadata:
              name: cf-default
              annotations: {ingressclass.kubernetes.io/is-default-class: "true"}
            spec:
              controller: cloudflare-operator.io/tunnel-ingress-controller
              parameters: {apiGroup: networking.cloudflare-operator.io, kind: TunnelIngressClassConfig, name: cfg, namespace: infra}
            """;
        Assert.Single(Cluster.Rules(Translate(defaultClass, Ingress(spec))));
        Assert.Same(TranslationResult.Empty, Translate(Ingress(spec)));

        var secondDefault = defaultClass.Replace("cf-default", "cf-other", StringComparison.Ordinal);
        Assert.Same(TranslationResult.Empty, Translate(defaultClass, secondDefault, Ingress(spec)));
    }

    [Fact]
    public void Watch_namespaces_limit_which_ingresses_are_ours()
    {
        var config = """
            apiVersion: networking.cloudflare-operator.io/v1alpha2
            kind: TunnelIngressClassConfig
            metadata: {name: cfg, namespace: infra}
            spec:
              tunnelRef: {kind: ClusterTunnel, name: edge}
              watchNamespaces: [prod]
            """;
        var baseWithout = Cluster.Base.Replace("kind: TunnelIngressClassConfig\nmetadata: {name: cfg, namespace: infra}", "kind: TunnelIngressClassConfig\nmetadata: {name: unused, namespace: infra}", StringComparison.Ordinal);
        var service = "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: prod}\nspec: {ports: [{port: 80}]}\n";
        var inDefault = Cluster.Translate("Ingress", "app", baseWithout, config, Ingress(Rule("a.example.com", "/", "Prefix", "{number: 80}")));
        Assert.Same(TranslationResult.Empty, inDefault);
        var inProd = Cluster.Translate("Ingress", "app", baseWithout, config, service, Ingress(Rule("a.example.com", "/", "Prefix", "{number: 80}"), ns: "prod"));
        Assert.Equal("http://web.prod.svc:80", Assert.Single(Cluster.Rules(inProd)).Service);
    }

    [Fact]
    public void A_missing_tunnel_is_rejected_without_a_resource_naming_the_path_to_it()
    {
        var baseWithoutTunnel = Cluster.Base.Replace("tunnelRef: {kind: ClusterTunnel, name: edge}\n---\napiVersion: gateway", "tunnelRef: {kind: ClusterTunnel, name: missing}\n---\napiVersion: gateway", StringComparison.Ordinal);
        var result = Cluster.Translate("Ingress", "app", baseWithoutTunnel, Ingress(Rule("a.example.com", "/", "Prefix", "{number: 80}")));
        var rejection = Assert.Single(result.Rejections);
        Assert.Null(rejection.Resource);
        Assert.Equal("Ingress/default/app: spec.ingressClassName: IngressClass cloudflare -> TunnelIngressClassConfig infra/cfg: spec.tunnelRef: ClusterTunnel missing not found", rejection.Reason);
    }

    [Fact]
    public void A_missing_class_config_is_rejected()
    {
        var baseWithoutConfig = Cluster.Base.Replace("name: cfg, namespace: infra, scope", "name: gone, namespace: infra, scope", StringComparison.Ordinal);
        var reason = Cluster.Reason(Cluster.Translate("Ingress", "app", baseWithoutConfig, Ingress(Rule("a.example.com", "/", "Prefix", "{number: 80}"))));
        Assert.Equal("Ingress/default/app: spec.ingressClassName: IngressClass cloudflare -> TunnelIngressClassConfig infra/gone not found", reason);
    }

    private static string ConfigWithOrigin(string origin) => $"""
        apiVersion: networking.cloudflare-operator.io/v1alpha2
        kind: TunnelIngressClassConfig
        metadata: {"{"}name: cfg-o, namespace: infra{"}"}
        spec:
          tunnelRef: {"{"}kind: ClusterTunnel, name: edge{"}"}
          defaultOriginRequest: {origin}
        ---
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata: {"{"}name: cf-o{"}"}
        spec:
          controller: cloudflare-operator.io/tunnel-ingress-controller
          parameters: {"{"}apiGroup: networking.cloudflare-operator.io, kind: TunnelIngressClassConfig, name: cfg-o, namespace: infra{"}"}
        """;

    [Fact]
    public void The_class_default_origin_request_is_mapped_field_by_field_onto_every_rule()
    {
        var config = ConfigWithOrigin("""
            {bastionMode: true, caPool: /ca.pem, connectTimeout: 1m30s, disableChunkedEncoding: true, http2Origin: false,
               httpHostHeader: internal.example, keepAliveConnections: 10, keepAliveTimeout: 2m, noTlsVerify: false,
               originServerName: origin.example, proxyAddress: 10.0.0.1, proxyPort: 1080, proxyType: socks, tlsTimeout: 10s}
            """);
        var rule = Assert.Single(Cluster.Rules(Translate(config, Ingress(Rule("a.example.com", "/", "Prefix", "{number: 80}").Replace("cloudflare", "cf-o", StringComparison.Ordinal)))));
        Assert.Equal(
            new OriginRequest
            {
                BastionMode = true, CaPool = "/ca.pem", ConnectTimeout = 90, DisableChunkedEncoding = true, Http2Origin = false,
                HttpHostHeader = "internal.example", KeepAliveConnections = 10, KeepAliveTimeout = 120, NoTlsVerify = false,
                OriginServerName = "origin.example", ProxyAddress = "10.0.0.1", ProxyPort = 1080, ProxyType = "socks", TlsTimeout = 10,
            },
            rule.OriginRequest);
    }

    [Fact]
    public void A_duration_that_is_not_whole_seconds_is_rejected_naming_the_field()
    {
        var config = ConfigWithOrigin("{tlsTimeout: 1500ms}");
        var result = Translate(config, Ingress(Rule("a.example.com", "/", "Prefix", "{number: 80}").Replace("cloudflare", "cf-o", StringComparison.Ordinal)));
        Assert.StartsWith(
            "Ingress/default/app: spec.ingressClassName: IngressClass cf-o -> TunnelIngressClassConfig infra/cfg-o: spec.defaultOriginRequest.tlsTimeout: '1500ms' is not a whole number of seconds",
            Cluster.Reason(result),
            StringComparison.Ordinal);
        Assert.Equal("tunnel-edge", result.Rejections[0].Resource?.CloudflareId);
    }

    [Fact]
    public void A_rule_without_host_matches_every_host()
    {
        var rule = Assert.Single(Cluster.Rules(Translate(Ingress("""
              ingressClassName: cloudflare
              rules:
              - http: {paths: [{path: /x, pathType: Exact, backend: {service: {name: web, port: {number: 80}}}}]}
            """))));
        Assert.Null(rule.Hostname);
    }

    // Kubernetes accepts an Ingress whose Service does not exist yet and every peer routes it: a numeric port needs no
    // look-up, so the rule is kept, with a warning saying what was assumed.
    [Theory]
    [InlineData("{number: 80}", "", "", "http://my-app-svc.default.svc:80", "http")]
    [InlineData("{number: 443}", "", "", "https://my-app-svc.default.svc:443", "https")]
    [InlineData("{number: 8080}", "", "https", "https://my-app-svc.default.svc:8080", "https")]
    [InlineData("{number: 8080}", "ws", "https", "ws://my-app-svc.default.svc:8080", "ws")]
    public void A_numeric_port_of_an_unknown_service_is_routed_with_a_warning_naming_the_assumed_scheme(
        string port, string annotation, string defaultProtocol, string expected, string scheme)
    {
        var spec = Rule("app.example.com", "/", "Prefix", port).Replace("name: web", "name: my-app-svc", StringComparison.Ordinal);
        var metadata = annotation.Length == 0 ? "" : $"  annotations: {{cloudflare-operator.io/backend-protocol: {annotation}}}";
        var result = TranslateWithClassConfig($"  defaultProtocol: \"{defaultProtocol}\"", Ingress(spec, metadata));
        Assert.Equal([new IngressRule("app.example.com", null, expected)], Cluster.Rules(result));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal($"Ingress/default/app: spec.rules[0].http.paths[0].backend.service.name: Service default/my-app-svc not found; scheme {scheme} assumed", warning.Message);
        Assert.Equal(result.Registrations[0].Resource, warning.Resource);
    }

    // A named port can only be resolved through its Service: without it there is no port to route to.
    [Fact]
    public void A_named_port_of_an_unknown_service_stays_a_rejection()
    {
        var spec = Rule("app.example.com", "/", "Prefix", "{name: http}").Replace("name: web", "name: my-app-svc", StringComparison.Ordinal);
        var result = Translate(Ingress(spec));
        Assert.Equal("Ingress/default/app: spec.rules[0].http.paths[0].backend.service.name: Service default/my-app-svc not found", Cluster.Reason(result));
        Assert.Empty(result.Warnings);
    }

    // An unknown Service's name goes into the URL as written, so Kubernetes' rule for Service names is checked first.
    [Fact]
    public void An_unknown_service_with_an_invalid_name_is_rejected_not_assumed()
    {
        var spec = Rule("app.example.com", "/", "Prefix", "{number: 80}").Replace("name: web", "name: My_App", StringComparison.Ordinal);
        var result = Translate(Ingress(spec));
        Assert.StartsWith("Ingress/default/app: spec.rules[0].http.paths[0].backend.service.name: 'My_App' must be 1-63 lowercase letters", Cluster.Reason(result), StringComparison.Ordinal);
        Assert.Empty(result.Warnings);
    }

    // A host rule without paths feeds only the default backend; its host is still checked, against that rule.
    [Fact]
    public void A_default_backend_host_is_reported_against_the_rule_that_names_it()
    {
        var reason = Cluster.Reason(Translate(Ingress("""
              ingressClassName: cloudflare
              defaultBackend: {service: {name: web, port: {number: 80}}}
              rules:
              - host: ok.example.com
              - host: "bad_host!.example.com"
            """)));
        Assert.StartsWith("Ingress/default/app: spec.rules[1].host: ", reason, StringComparison.Ordinal);
    }

    // Kubernetes requires an absolute path; "api" would become a regex that never matches a request path.
    [Theory]
    [InlineData("api", "Prefix")]
    [InlineData("api", "Exact")]
    [InlineData("api/v1", "ImplementationSpecific")]
    public void A_path_not_starting_with_a_slash_is_rejected_naming_the_field(string path, string pathType)
    {
        var reason = Cluster.Reason(Translate(Ingress(Rule("app.example.com", path, pathType, "{number: 80}"))));
        Assert.Equal($"Ingress/default/app: spec.rules[0].http.paths[0].path: '{path}' must be an absolute path, starting with /", reason);
    }

    // The aggregate only knows the index in the flattened rule list; the user wrote spec.rules[1].host.
    [Fact]
    public void An_invalid_host_is_reported_against_the_ingress_rule_the_user_wrote()
    {
        var result = Translate(Ingress("""
              ingressClassName: cloudflare
              rules:
              - host: ok.example.com
                http:
                  paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
              - host: "bad_host!.example.com"
                http:
                  paths:
                  - {path: /a, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
                  - {path: /b, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
            """));
        var reason = Cluster.Reason(result);
        Assert.StartsWith("Ingress/default/app: spec.rules[1].host: ", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("rules[2]", reason, StringComparison.Ordinal);
    }

    // A rule with neither host nor path would swallow the whole tunnel; the user's field is the missing host.
    [Fact]
    public void A_host_less_prefix_slash_rule_is_rejected_naming_the_host_field()
    {
        var spec = Rule("app.example.com", "/", "Prefix", "{number: 80}").Replace("- host: app.example.com", "- host: \"\"", StringComparison.Ordinal);
        var reason = Cluster.Reason(Translate(Ingress(spec)));
        Assert.StartsWith("Ingress/default/app: spec.rules[0].host: a rule without hostname and path would catch every request", reason, StringComparison.Ordinal);
    }

    // cloudflared's origin request checks name the class config's field, once, not one reason per rule.
    [Fact]
    public void An_invalid_default_origin_request_is_reported_once_against_the_class_config_field()
    {
        var result = TranslateWithClassConfig("  defaultOriginRequest: {proxyType: http}", Ingress(Rule("app.example.com", "/", "Prefix", "{number: 80}")));
        Assert.Equal(
            "Ingress/default/app: spec.ingressClassName: IngressClass cloudflare -> TunnelIngressClassConfig infra/cfg: spec.defaultOriginRequest.proxyType: 'http' is not a proxy type (use \"\" or \"socks\")",
            Cluster.Reason(result));
    }

    // Base's class config infra/cfg replaced by one with more spec fields.
    private static TranslationResult TranslateWithClassConfig(string specFields, string ingress)
    {
        var baseWithout = Cluster.Base.Replace("kind: TunnelIngressClassConfig\nmetadata: {name: cfg, namespace: infra}", "kind: TunnelIngressClassConfig\nmetadata: {name: unused, namespace: infra}", StringComparison.Ordinal);
        var config = $"apiVersion: networking.cloudflare-operator.io/v1alpha2\nkind: TunnelIngressClassConfig\nmetadata: {{name: cfg, namespace: infra}}\nspec:\n  tunnelRef: {{kind: ClusterTunnel, name: edge}}\n{specFields}\n";
        return Cluster.Translate("Ingress", "app", baseWithout, config, ingress);
    }
}
