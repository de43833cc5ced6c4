using CfSync.Sync.Activities;
using CfSync.Sync.Applying;
using CfSync.Sync.Budget;
using CfSync.Sync.Status;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CfSync.Sync;

public static class SyncServiceCollectionExtensions
{
    /// <summary>
    /// Composes the sync engine for any host, in one call: <see cref="SyncOptions"/> bound from the configuration's
    /// <see cref="SyncOptions.Section"/> and validated at start, every class of <see cref="EngineCatalog"/>, and a logging
    /// <see cref="IStatusSink"/> unless another is registered. The engine reaches the outside only through its ports,
    /// which the edges register through their own extension methods, in any order: the appliers
    /// (<see cref="IResourceApplier"/>, the Cloudflare edge's <c>AddCloudflareClient</c>) and the status sink (the
    /// Kubernetes edge's <c>AddKubernetesStatusMirroring</c>), and the account budget's key (<see cref="IAccountBudgetKeys"/>, the
    /// Cloudflare edge's label of its token). The host provides the <c>DurableTaskClient</c> that
    /// <see cref="InspectFlightActivity"/> reads instances with.
    /// </summary>
    public static IServiceCollection AddCfSyncEngine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return AddEngine(services).Bind(configuration.GetSection(SyncOptions.Section)).Services;
    }

    /// <summary>The same engine with options set in code (tests, benchmarks).</summary>
    public static IServiceCollection AddCfSyncEngine(this IServiceCollection services, Action<SyncOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return AddEngine(services).Configure(configure).Services;
    }

    private static OptionsBuilder<SyncOptions> AddEngine(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SyncOptions>, SyncOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IStatusSink, LoggingStatusSink>();
        services.TryAddSingleton<IAccountBudgetKeys, SingleAccountBudgetKeys>();
        foreach (var task in EngineCatalog.Tasks)
        {
            services.TryAddTransient(task.Type);
        }

        return services.AddOptions<SyncOptions>().ValidateOnStart();
    }
}
