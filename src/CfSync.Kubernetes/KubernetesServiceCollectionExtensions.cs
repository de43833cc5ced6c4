using CfSync.Kubernetes.SyncStates;
using CfSync.Sync.Status;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CfSync.Kubernetes;

public static class KubernetesServiceCollectionExtensions
{
    /// <summary>
    /// Mirrors sync outcomes into CloudflareSyncState when a cluster is reachable: in-cluster credentials inside a pod,
    /// else the kubeconfig named by <c>KUBECONFIG</c>. Without either, the engine keeps its logging sink. The order of
    /// calls does not matter: called after <c>AddCfSyncEngine</c>, this later registration is the one resolved; called
    /// before it, the engine adds no logging sink (it only adds one when none is registered).
    /// </summary>
    public static IServiceCollection AddKubernetesStatusMirroring(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (KubernetesConnection.Find() is not { } configuration)
        {
            return services;
        }

        services.TryAddSingleton<IKubernetes>(_ => new k8s.Kubernetes(configuration));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SyncStateWriter>();
        services.TryAddSingleton<Sources.SourceStatusWriter>();
        services.AddSingleton<IStatusSink, KubernetesStatusSink>();
        return services;
    }
}
