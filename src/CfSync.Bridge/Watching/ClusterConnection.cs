using k8s;
using k8s.Exceptions;

namespace CfSync.Bridge.Watching;

/// <summary>
/// Where the cluster is: the kubeconfig file named by <c>KUBECONFIG</c>, else the pod's service account (in-cluster
/// configuration). Neither is a settings error (exit code 2).
/// </summary>
public static class ClusterConnection
{
    public const string Variable = "KUBECONFIG";

    /// <exception cref="InvalidClusterSettingsException">No cluster is configured, or the kubeconfig cannot be used.</exception>
    public static KubernetesClientConfiguration Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[Variable] is { Length: > 0 } path)
        {
            try
            {
                return KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
            }
            catch (Exception e) when (e is KubeConfigException or IOException or UnauthorizedAccessException or ArgumentException or YamlDotNet.Core.YamlException)
            {
                throw new InvalidClusterSettingsException($"{Variable} names '{path}', which is not a usable kubeconfig: {e.Message}", e);
            }
        }

        return KubernetesClientConfiguration.IsInCluster()
            ? KubernetesClientConfiguration.InClusterConfig()
            : throw new InvalidClusterSettingsException($"No cluster: set {Variable} to a kubeconfig file, or run the bridge in a pod with a service account.");
    }
}

/// <summary>The cluster connection is not configured or not usable; the message says which setting and why.</summary>
public sealed class InvalidClusterSettingsException(string message, Exception? inner = null) : Exception(message, inner);
