using CfSync.Cloudflare.Applying;
using CfSync.Cloudflare.Dns;
using CfSync.Cloudflare.Resilience;
using CfSync.Sync.Applying;
using CfSync.Sync.Budget;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CfSync.Cloudflare;

public static class CloudflareServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CloudflareClient"/> (typed HttpClient), validated <see cref="CloudflareOptions"/> (checked at start),
    /// the process-wide <see cref="AccountEdgeRegistry"/>, and the appliers through which the sync engine reaches
    /// Cloudflare (its <see cref="IResourceApplier"/> port), and the key of the account budget every worker with this
    /// token shares (its <see cref="IAccountBudgetKeys"/> port). The token falls back to CLOUDFLARE_API_TOKEN.
    /// </summary>
    public static IServiceCollection AddCloudflareClient(this IServiceCollection services, Action<CloudflareOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<CloudflareOptions>().Configure(configure);
        return AddCore(services);
    }

    /// <summary>Binds options from a configuration section (e.g. "Cloudflare").</summary>
    public static IServiceCollection AddCloudflareClient(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<CloudflareOptions>().Bind(section);
        return AddCore(services);
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        services.AddOptions<CloudflareOptions>()
            .PostConfigure(options =>
            {
                if (string.IsNullOrWhiteSpace(options.ApiToken))
                {
                    options.ApiToken = Environment.GetEnvironmentVariable(CloudflareOptions.TokenEnvironmentVariable) ?? string.Empty;
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CloudflareOptions>, CloudflareOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AccountEdgeRegistry>();

        // Whichever of this and AddCfSyncEngine runs first, the token's label names the shared budget.
        services.AddSingleton<IAccountBudgetKeys, TokenBudgetKeys>();
        services.TryAddEnumerable(ServiceDescriptor.Transient<IResourceApplier, TunnelConfigurationApplier>());
        services.TryAddSingleton<ZoneDirectory>();
        services.TryAddSingleton<IDnsRegistry>(DnsRegistries.Create);
        services.TryAddTransient<DnsEdge>();
        services.TryAddEnumerable(ServiceDescriptor.Transient<IResourceApplier, TunnelDnsRecordsApplier>());
        services.TryAddEnumerable(ServiceDescriptor.Transient<IResourceApplier, DnsRecordApplier>());
        services.TryAddEnumerable(ServiceDescriptor.Transient<IResourceApplier, AccessApplicationApplier>());
        services.TryAddEnumerable(ServiceDescriptor.Transient<IResourceApplier, NetworkRouteApplier>());
        services.TryAddEnumerable(ServiceDescriptor.Transient<IResourceApplier, GatewayRuleApplier>());

        // Polly owns timeouts per attempt; HttpClient's own timeout would cut across retries.
        services.AddHttpClient<CloudflareClient>(http => http.Timeout = Timeout.InfiniteTimeSpan);
        return services;
    }
}
