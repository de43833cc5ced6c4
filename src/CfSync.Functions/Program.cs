using CfSync.Cloudflare;
using CfSync.Kubernetes;
using CfSync.Sync;
using CfSync.Telemetry;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var host = new HostBuilder()
    .ConfigureFunctionsWorkerDefaults()
    .ConfigureServices((context, services) =>
    {
        services.AddCfSyncEngine(context.Configuration);
        services.AddKubernetesWatchers();
        services.AddCloudflareClient(context.Configuration.GetSection(CloudflareOptions.SectionName));
        services.AddKubernetesStatusMirroring();
        services.AddCfSyncTelemetry(context.Configuration, "cfsync-functions").UseFunctionsWorkerDefaults();
    })
    .Build();

await host.RunAsync().ConfigureAwait(false);
