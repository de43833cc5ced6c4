using CfSync.Telemetry;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;

namespace CfSync.LocalHost;

/// <summary>
/// The local host as a web application: the engine (<see cref="LocalEngineServices"/>) and its Kubernetes intake, the
/// change queue listener (<see cref="ChangeListenerServices"/>), with the resource endpoints behind the local API's
/// guards, in this order: loopback <c>Host</c> only (400), no other site's browser requests (403), the access key (401).
/// </summary>
public static class LocalHostApp
{
    /// <summary>Services and configuration (command line, environment); callers may add to both before <see cref="Build"/>.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        // The engine's own Information logs (several lines per work item, about 800 a second under load) are left out
        // as host.json leaves them out of the Functions app, and so are the HTTP client's four lines per request (the
        // Cloudflare and Kubernetes clients log what matters themselves); the lowest-priority source, so that
        // Logging__LogLevel__DurableTask.Core=Information (or appsettings) brings them back.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:DurableTask.AzureStorage"] = "Warning",
                ["Logging:LogLevel:DurableTask.Core"] = "Warning",
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",

                // A UTC time on every entry: a run's log (run-local's localhost.log) can be read against other clocks.
                // The formatter is named: without a name the console logger copies its own (obsolete, empty) time
                // settings over the formatter's.
                ["Logging:Console:FormatterName"] = "simple",
                ["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ",
                ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
            },
        });
        var services = builder.Services;
        services.AddLocalEngine(builder.Configuration);
        services.AddChangeQueueListener(builder.Configuration);
        services.AddCfSyncTelemetry(builder.Configuration, "cfsync-localhost");
        services.AddOptions<LocalHostOptions>().Bind(builder.Configuration.GetSection(LocalHostOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LocalHostOptions>, LocalHostOptionsValidator>();
        services.AddSingleton(sp => LocalAccessKey.Create(sp.GetRequiredService<IOptions<LocalHostOptions>>()));

        // The framework's host filter (it runs first, before any of ours) answers 400 to any other Host.
        services.Configure<HostFilteringOptions>(options =>
        {
            options.AllowedHosts = [.. LoopbackHosts.Names];
            options.AllowEmptyHosts = false;
        });
        services.AddProblemDetails();
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseMiddleware<BrowserRequestGuard>();
        app.UseMiddleware<AccessKeyCheck>();
        app.MapResourceApi();
        app.Lifetime.ApplicationStarted.Register(() => ReportAccessKey(app));
        return app;
    }

    private static void ReportAccessKey(WebApplication app)
    {
        if (!app.Services.GetRequiredService<LocalAccessKey>().Generated)
        {
            return;
        }

        if (app.Services.GetRequiredService<IOptions<LocalHostOptions>>().Value.AccessKeyFile is { Length: > 0 } file)
        {
            Log.AccessKeyWritten(app.Logger, file);
        }
        else
        {
            Log.AccessKeyUnknowable(app.Logger);
        }
    }
}
