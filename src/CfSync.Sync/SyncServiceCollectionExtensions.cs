using CfSync.Sync.Activities;
using CfSync.Sync.Applying;
using CfSync.Sync.Entities;
using CfSync.Sync.Orchestrations;
using CfSync.Sync.Status;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CfSync.Sync;

public static class SyncServiceCollectionExtensions
{
    /// <summary>
    /// Registers the sync engine's classes and their dependencies for any host: validated <see cref="SyncOptions"/>,
    /// and a logging <see cref="IStatusSink"/> unless the host registered another. The engine reaches the outside only
    /// through its ports: the appliers (<see cref="IResourceApplier"/>, registered by the Cloudflare edge's
    /// <c>AddCloudflareClient</c>) and the status sink (the Kubernetes edge registers one). The host provides the
    /// <c>DurableTaskClient</c> that <see cref="InspectFlightActivity"/> reads instances with.
    /// </summary>
    public static IServiceCollection AddCfSyncEngine(this IServiceCollection services, Action<SyncOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SyncOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SyncOptions>, SyncOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IStatusSink, LoggingStatusSink>();
        services.TryAddTransient<CloudflareResourceEntity>();
        services.TryAddTransient<SyncResourceOrchestration>();
        services.TryAddTransient<MirrorStatusOrchestration>();
        services.TryAddTransient<InspectFlightOrchestration>();
        services.TryAddTransient<ApplyToCloudflareActivity>();
        services.TryAddTransient<MirrorStatusActivity>();
        services.TryAddTransient<InspectFlightActivity>();
        return services;
    }
}
