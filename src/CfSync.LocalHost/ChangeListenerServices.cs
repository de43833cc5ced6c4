using CfSync.Hosting.Dtfx;
using CfSync.Kubernetes;
using CfSync.Sync.Sources;
using CfSync.Watchers.Changes;
using CfSync.Watchers.Watching;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CfSync.LocalHost;

public static class ChangeListenerServices
{
    /// <summary>
    /// The queue listener running the watchers, when a cluster is configured (<c>KUBECONFIG</c>, or in-cluster
    /// credentials) and <c>CfSync:LocalHost:ChangeListener:Enabled</c> is not false: the local host has no other
    /// Kubernetes intake. It reads the queue <c>CfSync:Changes:Queue</c> from the engine's storage account.
    /// </summary>
    public static IServiceCollection AddChangeQueueListener(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ChangeListenerOptions.Section);
        if (KubernetesConnection.Find() is null || !section.GetValue(nameof(ChangeListenerOptions.Enabled), true))
        {
            return services;
        }

        services.AddOptions<ChangeListenerOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ChangeListenerOptions>, ChangeListenerOptionsValidator>();
        services.AddOptions<ChangeQueueOptions>().Bind(configuration.GetSection(ChangeQueueOptions.Section));
        services.AddKubernetesWatchers();
        services.AddSingleton(sp => ChangeQueues.Create(
            sp.GetRequiredService<IOptions<DtfxHostOptions>>().Value.ConnectionString, sp.GetRequiredService<IOptions<ChangeQueueOptions>>().Value.Queue));
        services.TryAddSingleton(sp => new SourceClient(sp.GetRequiredService<DurableTaskClient>()));
        services.AddSingleton<ISourceSignals>(sp => new SourceClientSignals(sp.GetRequiredService<SourceClient>()));
        services.AddSingleton<IKnownSources>(sp => new SourceEntities(sp.GetRequiredService<SourceClient>()));
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<ChangeQueueListener>();
        return services;
    }
}
