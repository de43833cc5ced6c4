using CfSync.Cloudflare;
using CfSync.Hosting.Dtfx;
using CfSync.Kubernetes;
using CfSync.Sync;

namespace CfSync.LocalHost;

/// <summary>
/// Everything the local host runs, from configuration: the storage connection (<c>CFSYNC_STORAGE_CONNECTION</c>, else
/// <c>AzureWebJobsStorage</c>), the task hub (<c>CfSync:TaskHub</c>, default <c>CfSync</c>), Cloudflare
/// (<c>Cloudflare:BaseUrl</c>, token from <c>Cloudflare:ApiToken</c> or <c>CLOUDFLARE_API_TOKEN</c>) and <c>CfSync:Sync</c>;
/// with <c>KUBECONFIG</c> set, outcomes are mirrored into CloudflareSyncState objects of that cluster. The engine's
/// own settings (<see cref="DtfxHostOptions"/>: partition count, worker id, visibility timeouts...) come from
/// <c>CfSync:Dtfx</c>, where <c>ConnectionString</c> and <c>TaskHubName</c> override the two above: so several local
/// hosts can run as workers of one task hub (docs/durable-hosting.md, "Scaling out").
/// </summary>
public static class LocalEngineServices
{
    public const string DtfxSection = "CfSync:Dtfx";

    public static IServiceCollection AddLocalEngine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddCfSyncEngine(configuration);
        services.AddCloudflareClient(configuration.GetSection(CloudflareOptions.SectionName));
        services.AddKubernetesStatusMirroring();
        services.AddDtfxHost(
            options =>
            {
                options.ConnectionString = configuration["CFSYNC_STORAGE_CONNECTION"] ?? configuration["AzureWebJobsStorage"] ?? string.Empty;
                options.TaskHubName = configuration["CfSync:TaskHub"] ?? "CfSync";
                configuration.GetSection(DtfxSection).Bind(options);
            },
            registry => SyncEngineTasks.Register(registry));
        return services;
    }
}
