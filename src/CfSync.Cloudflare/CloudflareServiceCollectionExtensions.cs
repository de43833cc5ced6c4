using CfSync.Cloudflare.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CfSync.Cloudflare;

public static class CloudflareServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CloudflareClient"/> (typed HttpClient), validated <see cref="CloudflareOptions"/> (checked at start)
    /// and the process-wide <see cref="AccountEdgeRegistry"/>. The token falls back to CLOUDFLARE_API_TOKEN.
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

        // Polly owns timeouts per attempt; HttpClient's own timeout would cut across retries.
        services.AddHttpClient<CloudflareClient>(http => http.Timeout = Timeout.InfiniteTimeSpan);
        return services;
    }
}
