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
    /// the appliers, and a logging <see cref="IStatusSink"/> unless the host registered another. The Cloudflare client
    /// itself comes from <c>AddCloudflareClient</c>; the host provides the <c>DurableTaskClient</c> that
    /// <see cref="InspectFlightActivity"/> reads instances with.
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
        services.TryAddEnumerable(ServiceDescriptor.Transient<IResourceApplier, TunnelConfigurationApplier>());
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
