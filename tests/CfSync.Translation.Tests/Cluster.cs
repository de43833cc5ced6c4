using CfSync.Core.Dns;
using CfSync.Core.Resources;
using CfSync.Core.Tunnels;
using CfSync.Translation.Manifests;

namespace CfSync.Translation.Tests;

/// <summary>Builds an in-memory cluster from YAML and translates one of its objects.</summary>
internal static class Cluster
{
    /// <summary>
    /// A ClusterTunnel "edge" (existing id, account acc-1, domain example.com), a Tunnel default/team (status id),
    /// our IngressClass "cloudflare" -> infra/cfg -> edge, our GatewayClass "cloudflare" -> infra/gw-cfg -> edge,
    /// Gateway default/gw, Service default/web (http 80, https 443, admin 9000 with appProtocol kubernetes.io/wss).
    /// </summary>
    public const string Base = """
        apiVersion: networking.cloudflare-operator.io/v1alpha2
        kind: ClusterTunnel
        metadata: {name: edge, creationTimestamp: "2024-01-02T03:04:05Z"}
        spec:
          cloudflare: {accountId: acc-1, domain: example.com}
          existingTunnel: {id: tunnel-edge}
          enableWarpRouting: true
        ---
        apiVersion: networking.cloudflare-operator.io/v1alpha2
        kind: Tunnel
        metadata: {name: team, namespace: default}
        spec:
          cloudflare: {accountId: acc-2}
        status: {tunnelId: tunnel-team, accountId: acc-status}
        ---
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata: {name: cloudflare}
        spec:
          controller: cloudflare-operator.io/tunnel-ingress-controller
          parameters: {apiGroup: networking.cloudflare-operator.io, kind: TunnelIngressClassConfig, name: cfg, namespace: infra, scope: Namespace}
        ---
        apiVersion: networking.cloudflare-operator.io/v1alpha2
        kind: TunnelIngressClassConfig
        metadata: {name: cfg, namespace: infra}
        spec:
          tunnelRef: {kind: ClusterTunnel, name: edge}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata: {name: cloudflare}
        spec:
          controllerName: cloudflare-operator.io/tunnel-gateway-controller
          parametersRef: {group: networking.cloudflare-operator.io, kind: TunnelGatewayClassConfig, name: gw-cfg, namespace: infra}
        ---
        apiVersion: networking.cloudflare-operator.io/v1alpha2
        kind: TunnelGatewayClassConfig
        metadata: {name: gw-cfg, namespace: infra}
        spec:
          tunnelRef: {kind: ClusterTunnel, name: edge}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: gw, namespace: default}
        spec: {gatewayClassName: cloudflare}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: default}
        spec:
          ports:
          - {name: http, port: 80, targetPort: 8080}
          - {name: https, port: 443, targetPort: https}
          - {name: admin, port: 9000, appProtocol: kubernetes.io/wss}
        """;

    public static TranslationResult Translate(string kind, string name, params string[] yaml)
    {
        var documents = yaml.SelectMany((text, i) => ManifestReader.ReadText(text, $"doc{i}.yaml")).ToList();
        var set = new ManifestSet(documents);
        var target = documents.Single(d => (string?)d.Object["kind"] == kind && (string?)d.Object["metadata"]!["name"] == name);
        return ObjectTranslator.Translate(target.Object, set);
    }

    public static IReadOnlyList<IngressRule> Rules(TranslationResult result)
    {
        Assert.Empty(result.Rejections);
        var registration = Assert.Single(result.Registrations, r => r.Resource.ResourceType == ResourceType.TunnelConfiguration);
        return Assert.IsType<IngressRulesFragment>(registration.Contribution.Fragment).Rules;
    }

    /// <summary>The registration for the tunnel's DNS records, or null when the object registers none.</summary>
    public static Registration? DnsRegistration(TranslationResult result) =>
        result.Registrations.SingleOrDefault(r => r.Resource.ResourceType == ResourceType.TunnelDnsRecords);

    /// <summary>The hostnames the object gives its tunnel's DNS records.</summary>
    public static IReadOnlyList<TunnelHostname> Hostnames(TranslationResult result) =>
        Assert.IsType<TunnelHostnamesFragment>(Assert.IsType<Registration>(DnsRegistration(result)).Contribution.Fragment).Hostnames;

    public static string Reason(TranslationResult result)
    {
        Assert.Empty(result.Registrations);
        return Assert.Single(result.Rejections).Reason;
    }
}
