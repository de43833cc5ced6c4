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
            new V1Patch(new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["step"] = label } } }.ToJsonString(), V1Patch.PatchType.MergePatch), name, @namespace);

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

    public static Task<V1Secret> CreateSecretAsync(this IKubernetes client, string name, string @namespace = "default") =>
        client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = name },
            StringData = new Dictionary<string, string> { ["token"] = Marker },
        }, @namespace);
}
