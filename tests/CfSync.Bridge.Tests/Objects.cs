using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace CfSync.Bridge.Tests;

/// <summary>Objects the tests create in the test API server: a core kind, a namespaced and a cluster-scoped CRD kind.</summary>
internal static class Objects
{
    public const string OperatorGroup = "networking.cloudflare-operator.io";

    /// <summary>Content no message may carry: the bridge sends where an object is, never what it holds.</summary>
    public const string Marker = "do-not-leak-7f3a";

    public static Task<V1Service> CreateServiceAsync(this IKubernetes client, string name, string @namespace = "default") =>
        client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = name, Annotations = new Dictionary<string, string> { ["note"] = Marker } },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80, Name = Marker[..10] }] },
        }, @namespace);

    public static Task<V1Service> RelabelServiceAsync(this IKubernetes client, string name, string label, string @namespace = "default") =>
        client.CoreV1.PatchNamespacedServiceAsync(
            MergePatch(new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["step"] = label } } }), name, @namespace);

    public static Task DeleteServiceAsync(this IKubernetes client, string name, string @namespace = "default") =>
        client.CoreV1.DeleteNamespacedServiceAsync(name, @namespace);

    public static async Task<JsonObject> CreateClusterTunnelAsync(this IKubernetes client, string name)
    {
        var body = new JsonObject
        {
            ["apiVersion"] = $"{OperatorGroup}/v1alpha2",
            ["kind"] = "ClusterTunnel",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject { ["existingTunnel"] = new JsonObject { ["id"] = Marker } },
        };
        var created = await client.CustomObjects.CreateClusterCustomObjectAsync(body, OperatorGroup, "v1alpha2", "clustertunnels");
        return JsonNode.Parse(KubernetesJson.Serialize(created))!.AsObject();
    }

    public static Task<V1Ingress> CreateIngressAsync(this IKubernetes client, string name, string @namespace = "default") =>
        client.NetworkingV1.CreateNamespacedIngressAsync(new V1Ingress
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1IngressSpec { IngressClassName = "cloudflare" },
        }, @namespace);

    /// <summary>What CfSync's status mirror writes on an applied Ingress: its load-balancer hostname (status subresource).</summary>
    public static Task<V1Ingress> SetIngressHostnameAsync(this IKubernetes client, string name, string hostname, string @namespace = "default") =>
        client.NetworkingV1.PatchNamespacedIngressStatusAsync(
            MergePatch(new JsonObject { ["status"] = new JsonObject { ["loadBalancer"] = new JsonObject { ["ingress"] = new JsonArray(new JsonObject { ["hostname"] = hostname }) } } }), name, @namespace);

    public static Task<V1Ingress> SetIngressFinalizerAsync(this IKubernetes client, string name, string finalizer, string @namespace = "default") =>
        client.NetworkingV1.PatchNamespacedIngressAsync(MergePatch(new JsonObject { ["metadata"] = new JsonObject { ["finalizers"] = new JsonArray(finalizer) } }), name, @namespace);

    public static Task<V1Ingress> SetIngressClassAsync(this IKubernetes client, string name, string className, string @namespace = "default") =>
        client.NetworkingV1.PatchNamespacedIngressAsync(MergePatch(new JsonObject { ["spec"] = new JsonObject { ["ingressClassName"] = className } }), name, @namespace);

    public static Task SetClusterTunnelIdAsync(this IKubernetes client, string name, string tunnelId) =>
        client.CustomObjects.PatchClusterCustomObjectStatusAsync(
            MergePatch(new JsonObject { ["status"] = new JsonObject { ["tunnelId"] = tunnelId } }), OperatorGroup, "v1alpha2", "clustertunnels", name);

    public static Task<V1Secret> CreateSecretAsync(this IKubernetes client, string name, string @namespace = "default") =>
        client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = name },
            StringData = new Dictionary<string, string> { ["token"] = Marker },
        }, @namespace);

    private static V1Patch MergePatch(JsonObject patch) => new(patch.ToJsonString(), V1Patch.PatchType.MergePatch);
}
