using System.Net;
using Azure.Storage.Queues;
using CfSync.Bridge.Health;
using CfSync.Bridge.Leadership;
using CfSync.Bridge.Queueing;
using CfSync.Bridge.Watching;
using CfSync.Telemetry;
using k8s;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CfSync.Bridge;

/// <summary>
/// The bridge as a web application: the leader loop as a hosted service, and the health endpoints on
/// <see cref="BridgeOptions.ListenAddress"/>:<see cref="BridgeOptions.Port"/>. <see cref="Build"/> validates every
/// setting first: a bad one fails it with <see cref="OptionsValidationException"/> (all failures at once) or
/// <see cref="InvalidClusterSettingsException"/>.
/// </summary>
public static class BridgeApp
{
    /// <summary>Configuration (command line, environment); callers may add configuration and services before <see cref="Build"/>.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);

        // Probes hit the health endpoints every few seconds: their request logs would drown the bridge's own.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = BridgeSettings.Load(builder.Configuration);
        var cluster = ClusterConnection.Load(builder.Configuration);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(settings.Bridge);
        services.AddSingleton(settings.Lease);
        services.AddSingleton<IKubernetes>(new k8s.Kubernetes(cluster));
        services.AddSingleton(LeaseIdentity.Resolve(settings.Lease, cluster.Namespace));
        services.AddSingleton(new QueueClient(settings.Storage.ConnectionString, settings.Queue.Queue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }));
        services.AddSingleton<BridgeStatus>();
        services.AddSingleton<BridgeMetrics>();
        services.AddSingleton<QueueBackpressure>();
        services.AddSingleton<QueueSender>();
        services.AddSingleton<LeaderTerm>();
        services.AddHostedService<LeaderLoop>();
        services.AddHostedService<QueueDepthSampler>();
        services.AddCfSyncTelemetry(builder.Configuration, "cfsync-bridge");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Parse(settings.Bridge.ListenAddress), settings.Bridge.Port));

        var app = builder.Build();
        app.MapHealthEndpoints();
        return app;
    }
}
