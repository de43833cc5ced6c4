using CfSync.Kubernetes.Watchers;
using CfSync.Watchers.Cluster;
using CfSync.Watchers.Watching;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

// In the namespace of the edge's other registrations, so a host adds it with one line.
namespace CfSync.Kubernetes;

public static class KubernetesWatcherServices
{
    /// <summary>
    /// The <see cref="ChangeWatcher"/> over the cluster <see cref="KubernetesConnection"/> finds. Without one, resolving
    /// the watcher fails with the reason (a host that runs watchers needs a cluster; the local host only registers them
    /// when one is configured).
    /// </summary>
    public static IServiceCollection AddKubernetesWatchers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IKubernetes>(_ => KubernetesConnection.Find() is { } configuration
            ? new k8s.Kubernetes(configuration)
            : throw new InvalidOperationException("The watchers read a Kubernetes cluster: run them in a pod (in-cluster credentials) or set KUBECONFIG."));
        services.TryAddSingleton<IClusterReader, KubernetesClusterReader>();
        services.TryAddSingleton<ChangeWatcher>();
        return services;
    }
}
