using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace CfSync.Comparison.Benchmarks.Workload;

/// <summary>
/// The objects a user writes for a tunnel, one builder for every scenario and both systems: a ClusterTunnel naming an
/// existing tunnel's id, a TunnelIngressClassConfig and an IngressClass pointing at it, Ingresses, the Gateway API's
/// route to it (a TunnelGatewayClassConfig, a GatewayClass, a Gateway, HTTPRoutes), TunnelBindings, and the Namespace
/// and Service they live beside. The client creates them (race, burst, scale); kubectl applies them and `cfsync render`
/// reads them as files (<see cref="Yaml"/>: sustained, chaos).
/// </summary>
internal static class TunnelManifests
{
    public const string AccountId = "0123456789abcdef0123456789abcdef";
    public const string Group = "networking.cloudflare-operator.io";
    public const string Version = "v1alpha2";
    public const string ClusterTunnels = "clustertunnels";
    public const string ClassConfigs = "tunnelingressclassconfigs";
    public const string GatewayClassConfigs = "tunnelgatewayclassconfigs";
    public const string TunnelBindings = "tunnelbindings";
    public const string TunnelBindingVersion = "v1alpha1";
    public const string GatewayGroup = "gateway.networking.k8s.io";
    public const string GatewayVersion = "v1";
    public const string GatewayClasses = "gatewayclasses";
    public const string Gateways = "gateways";
    public const string HttpRoutes = "httproutes";
    private const string Controller = "cloudflare-operator.io/tunnel-ingress-controller";
    private const string GatewayController = "cloudflare-operator.io/tunnel-gateway-controller";

    public static JsonObject ClusterTunnel(string name, string tunnelId, bool warpRouting, string fallback) => new()
    {
        ["apiVersion"] = $"{Group}/{Version}",
        ["kind"] = "ClusterTunnel",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["existingTunnel"] = new JsonObject { ["id"] = tunnelId },
            ["enableWarpRouting"] = warpRouting,
            ["fallbackTarget"] = fallback,
            ["cloudflare"] = new JsonObject { ["accountId"] = AccountId, ["domain"] = "example.com", ["secret"] = "cloudflare-api-token" },
        },
    };

    /// <summary>
    /// The class config of the tunnel <paramref name="tunnel"/>; <paramref name="manualDns"/> leaves DNS to the user (the
    /// scale cases measure the tunnel configuration; 10,000 CNAMEs would measure the DNS budget instead).
    /// </summary>
    public static JsonObject ClassConfig(string name, string objectNamespace, string tunnel, bool manualDns = false)
    {
        var spec = new JsonObject
        {
            ["tunnelRef"] = new JsonObject { ["kind"] = "ClusterTunnel", ["name"] = tunnel },
            ["defaultProtocol"] = "http",
        };
        if (manualDns)
        {
            spec["dnsManagement"] = "Manual";
        }

        return new JsonObject
        {
            ["apiVersion"] = $"{Group}/{Version}",
            ["kind"] = "TunnelIngressClassConfig",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = objectNamespace },
            ["spec"] = spec,
        };
    }

    /// <summary>The Gateway API's class config of the tunnel <paramref name="tunnel"/>: what a GatewayClass's parametersRef names.</summary>
    public static JsonObject GatewayClassConfig(string name, string objectNamespace, string tunnel) => new()
    {
        ["apiVersion"] = $"{Group}/{Version}",
        ["kind"] = "TunnelGatewayClassConfig",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = objectNamespace },
        ["spec"] = new JsonObject { ["tunnelRef"] = new JsonObject { ["kind"] = "ClusterTunnel", ["name"] = tunnel } },
    };

    public static JsonObject GatewayClass(string name, string classConfig, string classConfigNamespace) => new()
    {
        ["apiVersion"] = $"{GatewayGroup}/{GatewayVersion}",
        ["kind"] = "GatewayClass",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["controllerName"] = GatewayController,
            ["parametersRef"] = new JsonObject { ["group"] = Group, ["kind"] = "TunnelGatewayClassConfig", ["name"] = classConfig, ["namespace"] = classConfigNamespace },
        },
    };

    public static JsonObject Gateway(string name, string objectNamespace, string className) => new()
    {
        ["apiVersion"] = $"{GatewayGroup}/{GatewayVersion}",
        ["kind"] = "Gateway",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = objectNamespace },
        ["spec"] = new JsonObject
        {
            ["gatewayClassName"] = className,
            ["listeners"] = new JsonArray(new JsonObject { ["name"] = "http", ["protocol"] = "HTTP", ["port"] = 80 }),
        },
    };

    /// <summary>An HTTPRoute under the Gateway <paramref name="gateway"/> (same namespace): one hostname, every path to the Service.</summary>
    public static JsonObject HttpRoute(string name, string objectNamespace, string gateway, string host, string service, int port) => new()
    {
        ["apiVersion"] = $"{GatewayGroup}/{GatewayVersion}",
        ["kind"] = "HTTPRoute",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = objectNamespace },
        ["spec"] = new JsonObject
        {
            ["parentRefs"] = new JsonArray(new JsonObject { ["name"] = gateway }),
            ["hostnames"] = new JsonArray(host),
            ["rules"] = new JsonArray(new JsonObject { ["backendRefs"] = new JsonArray(new JsonObject { ["name"] = service, ["port"] = port }) }),
        },
    };

    /// <summary>A TunnelBinding (v1alpha1: subjects and tunnelRef at the top level) of one Service to the ClusterTunnel <paramref name="tunnel"/>.</summary>
    public static JsonObject TunnelBinding(string name, string objectNamespace, string tunnel, string host, string service, int port) => new()
    {
        ["apiVersion"] = $"{Group}/{TunnelBindingVersion}",
        ["kind"] = "TunnelBinding",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = objectNamespace },
        ["subjects"] = new JsonArray(new JsonObject
        {
            ["name"] = service,
            ["spec"] = new JsonObject { ["fqdn"] = host, ["target"] = string.Create(CultureInfo.InvariantCulture, $"http://{service}.{objectNamespace}.svc.cluster.local:{port}") },
        }),
        ["tunnelRef"] = new JsonObject { ["kind"] = "ClusterTunnel", ["name"] = tunnel },
    };

    public static V1IngressClass IngressClass(string name, string classConfig, string classConfigNamespace) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "IngressClass",
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1IngressClassSpec
        {
            Controller = Controller,
            Parameters = new V1IngressClassParametersReference
            {
                ApiGroup = Group, Kind = "TunnelIngressClassConfig", Name = classConfig, NamespaceProperty = classConfigNamespace, Scope = "Namespace",
            },
        },
    };

    /// <summary>An Ingress of class <paramref name="className"/>: one rule per host, each routing <paramref name="path"/> to the Service.</summary>
    public static V1Ingress Ingress(string name, string objectNamespace, string className, IEnumerable<string> hosts, string service, int port, string path = "/")
    {
        var backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = service, Port = new V1ServiceBackendPort { Number = port } } };
        return new V1Ingress
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "Ingress",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = objectNamespace },
            Spec = new V1IngressSpec
            {
                IngressClassName = className,
                Rules =
                [
                    .. hosts.Select(host => new V1IngressRule
                    {
                        Host = host,
                        Http = new V1HTTPIngressRuleValue { Paths = [new V1HTTPIngressPath { Path = path, PathType = "Prefix", Backend = backend }] },
                    }),
                ],
            },
        };
    }

    public static V1Namespace Namespace(string name) => new() { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = name } };

    public static V1Service Service(string name, string objectNamespace, int port) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = objectNamespace },
        Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "http", Port = port }] },
    };

    /// <summary>
    /// A multi-document YAML stream of the objects (each document in JSON, which is YAML), for kubectl and `cfsync
    /// render`. It opens with a comment: kubectl reads a file that starts with '{' as one JSON document.
    /// </summary>
    public static string Yaml(IEnumerable<object> objects) =>
        "# Written by the comparison harness (bench/CfSync.Comparison.Benchmarks).\n" +
        string.Join("---\n", objects.Select(o => (o is JsonNode node ? node.ToJsonString() : KubernetesJson.Serialize(o)) + "\n"));
}
