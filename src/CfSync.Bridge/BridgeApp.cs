using System.Net;
using Azure.Storage.Queues;
using CfSync.Bridge.Health;
using CfSync.Bridge.Leadership;
using CfSync.Bridge.Queueing;
using CfSync.Bridge.Watching;
using CfSync.Watchers.Changes;
using k8s;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CfSync.Bridge;

/// <summary>
/// The bridge as a web application: the leader loop as a hosted service, and the health endpoints on
/// <see cref="BridgeOptions.ListenAddress"/>:<see cref="BridgeOptions.Port"/>. Settings are validated at start: a bad
/// one fails <c>RunAsync</c> with <see cref="OptionsValidationException"/> or <see cref="InvalidClusterSettingsException"/>.
/// </summary>
public static class BridgeApp
{
    /// <summary>Services and configuration (command line, environment); callers may add configuration before <see cref="Build"/>.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<BridgeOptions>().Bind(configuration.GetSection(BridgeOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BridgeOptions>, BridgeOptionsValidator>();
        services.AddOptions<LeaseOptions>().Bind(configuration.GetSection(LeaseOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LeaseOptions>, LeaseOptionsValidator>();
        services.AddOptions<ChangeQueueOptions>().Bind(configuration.GetSection(ChangeQueueOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ChangeQueueOptions>, ChangeQueueOptionsValidator>();
        services.AddOptions<StorageConnection>().Configure<IConfiguration>(StorageConnection.Bind).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageConnection>, StorageConnectionValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => ClusterConnection.Load(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<IKubernetes>(sp => new k8s.Kubernetes(sp.GetRequiredService<KubernetesClientConfiguration>()));
        services.AddSingleton(sp => LeaseIdentity.Resolve(sp.GetRequiredService<IOptions<LeaseOptions>>().Value, sp.GetRequiredService<KubernetesClientConfiguration>().Namespace));
        services.AddSingleton(sp => new QueueClient(
            sp.GetRequiredService<IOptions<StorageConnection>>().Value.ConnectionString,
            sp.GetRequiredService<IOptions<ChangeQueueOptions>>().Value.Queue,
            new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<BridgeOptions>>().Value);
        services.AddSingleton<BridgeStatus>();
        services.AddSingleton<BridgeMetrics>();
        services.AddSingleton(sp => new QueueSender(
            sp.GetRequiredService<QueueClient>(), sp.GetRequiredService<BridgeOptions>(), sp.GetRequiredService<BridgeMetrics>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<QueueSender>>()));
        services.AddSingleton<LeaderTerm>();
        services.AddHostedService<LeaderLoop>();

        services.AddOptions<KestrelServerOptions>().Configure<IOptions<BridgeOptions>>((kestrel, bridge) =>
            kestrel.Listen(IPAddress.TryParse(bridge.Value.ListenAddress, out var address) ? address : IPAddress.Loopback, bridge.Value.Port));
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Build();
        app.MapHealthEndpoints();
        return app;
    }
}
