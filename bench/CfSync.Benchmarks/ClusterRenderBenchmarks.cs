using System.Text;
using BenchmarkDotNet.Attributes;
using CfSync.Cli.Rendering;
using CfSync.Translation.Manifests;

namespace CfSync.Benchmarks;

/// <summary>
/// <c>cfsync render</c> of a realistic cluster (issue 9): 20 tunnels with their ingress and gateway classes, 500
/// Services, 1,000 Ingresses, 200 HTTPRoutes and 300 TunnelBindings, as one multi-document YAML text. Reading
/// (parse, bounds, Kubernetes' rules), then translating and planning every resource, then the whole command's work.
/// </summary>
[MemoryDiagnoser]
public class ClusterRenderBenchmarks
{
    private const int Tunnels = 20;
    private const int Services = 500;

    private string text = string.Empty;
    private IReadOnlyList<ManifestDocument> documents = [];
    private ManifestSet cluster = null!;

    [GlobalSetup]
    public void Setup()
    {
        text = Generate();
        documents = ManifestReader.ReadText(text, "cluster.yaml");
        cluster = new ManifestSet(documents);

        // Measure the intended work: every source accepted, every tunnel rendered.
        var report = DesiredStatePlanner.Plan(documents, cluster);
        if (!report.AllAccepted || report.Resources.Count != Tunnels)
        {
            throw new InvalidOperationException($"The generated cluster does not render cleanly: {report.ToJson()[..Math.Min(2000, report.ToJson().Length)]}");
        }
    }

    [Benchmark]
    public int Read() => ManifestReader.ReadText(text, "cluster.yaml").Count;

    [Benchmark]
    public int TranslateAndPlan() => DesiredStatePlanner.Plan(documents, cluster).Resources.Count;

    [Benchmark]
    public int Render()
    {
        var read = ManifestReader.ReadText(text, "cluster.yaml");
        return DesiredStatePlanner.Plan(read, new ManifestSet(read)).ToJson().Length;
    }

    /// <summary>The cluster's manifests; every object is valid, so every source is accepted.</summary>
    public static string Generate()
    {
        var yaml = new StringBuilder();
        for (var t = 0; t < Tunnels; t++)
        {
            Append(yaml, $$"""
                apiVersion: networking.cloudflare-operator.io/v1alpha2
                kind: ClusterTunnel
                metadata: {name: edge-{{t}}, creationTimestamp: "2025-01-01T00:00:00Z"}
                spec:
                  existingTunnel: {id: {{Guid.CreateVersion7():D}}}
                  cloudflare: {accountId: 0123456789abcdef0123456789abcdef, domain: example.com}
                ---
                apiVersion: networking.k8s.io/v1
                kind: IngressClass
                metadata: {name: tunnel-{{t}}}
                spec:
                  controller: cloudflare-operator.io/tunnel-ingress-controller
                  parameters: {apiGroup: networking.cloudflare-operator.io, kind: TunnelIngressClassConfig, name: cfg-{{t}}, namespace: cloudflare-system, scope: Namespace}
                ---
                apiVersion: networking.cloudflare-operator.io/v1alpha2
                kind: TunnelIngressClassConfig
                metadata: {name: cfg-{{t}}, namespace: cloudflare-system}
                spec:
                  tunnelRef: {kind: ClusterTunnel, name: edge-{{t}}}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: gateway-{{t}}}
                spec:
                  controllerName: cloudflare-operator.io/tunnel-gateway-controller
                  parametersRef: {group: networking.cloudflare-operator.io, kind: TunnelGatewayClassConfig, name: gw-{{t}}, namespace: cloudflare-system}
                ---
                apiVersion: networking.cloudflare-operator.io/v1alpha2
                kind: TunnelGatewayClassConfig
                metadata: {name: gw-{{t}}, namespace: cloudflare-system}
                spec:
                  tunnelRef: {kind: ClusterTunnel, name: edge-{{t}}}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: public-{{t}}, namespace: apps}
                spec: {gatewayClassName: gateway-{{t}}}
                """);
        }

        for (var s = 0; s < Services; s++)
        {
            Append(yaml, $$"""
                apiVersion: v1
                kind: Service
                metadata: {name: svc-{{s}}, namespace: apps}
                spec:
                  ports: [{name: http, port: 8080}]
                """);
        }

        for (var i = 0; i < 1_000; i++)
        {
            Append(yaml, $$"""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: ing-{{i}}, namespace: apps}
                spec:
                  ingressClassName: tunnel-{{i % Tunnels}}
                  rules:
                    - host: ing-{{i}}.example.com
                      http:
                        paths:
                          - path: /api
                            pathType: Prefix
                            backend:
                              service:
                                name: svc-{{i % Services}}
                                port: {number: 8080}
                          - path: /
                            pathType: Prefix
                            backend:
                              service:
                                name: svc-{{(i + 1) % Services}}
                                port: {name: http}
                """);
        }

        for (var r = 0; r < 200; r++)
        {
            Append(yaml, $$"""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: route-{{r}}, namespace: apps}
                spec:
                  parentRefs: [{name: public-{{r % Tunnels}}}]
                  hostnames: [route-{{r}}.example.com]
                  rules:
                    - matches:
                        - path: {type: PathPrefix, value: /v1}
                      backendRefs: [{name: svc-{{r % Services}}, port: 8080}]
                """);
        }

        for (var b = 0; b < 300; b++)
        {
            Append(yaml, $$"""
                apiVersion: networking.cloudflare-operator.io/v1alpha1
                kind: TunnelBinding
                metadata: {name: binding-{{b}}, namespace: apps}
                subjects:
                  - name: svc-{{b % Services}}
                    spec: {fqdn: binding-{{b}}.example.com}
                tunnelRef: {kind: ClusterTunnel, name: edge-{{b % Tunnels}}}
                """);
        }

        return yaml.ToString();
    }

    private static void Append(StringBuilder yaml, string documents) => yaml.Append(documents).Append("\n---\n");
}
