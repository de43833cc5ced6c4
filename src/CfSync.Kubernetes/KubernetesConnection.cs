using k8s;

namespace CfSync.Kubernetes;

/// <summary>Where the cluster is: in-cluster credentials inside a pod, else the kubeconfig named by <c>KUBECONFIG</c>.</summary>
public static class KubernetesConnection
{
    /// <summary>The cluster's client configuration, or null when neither is there.</summary>
    public static KubernetesClientConfiguration? Find() =>
        KubernetesClientConfiguration.IsInCluster() ? KubernetesClientConfiguration.InClusterConfig()
        : Environment.GetEnvironmentVariable("KUBECONFIG") is { Length: > 0 } path ? KubernetesClientConfiguration.BuildConfigFromConfigFile(path)
        : null;
}
