using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CfSync.Hosting.Dtfx;

public static class DtfxServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="DtfxHost"/> as a hosted service, and its client as the app's <see cref="DurableTaskClient"/>
    /// (what a Functions app receives through [DurableClient]).
    /// </summary>
    public static IServiceCollection AddDtfxHost(
        this IServiceCollection services, Action<DtfxHostOptions> configure, Action<DtfxTaskRegistry> register)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(register);
        services.AddOptions<DtfxHostOptions>().Configure(configure).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DtfxHostOptions>, DtfxHostOptionsValidator>();
        var registry = new DtfxTaskRegistry();
        register(registry);
        services.AddSingleton(registry);
        services.AddSingleton(sp => new DtfxHost(
            sp.GetRequiredService<IOptions<DtfxHostOptions>>().Value,
            registry,
            sp,
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        services.AddHostedService(sp => sp.GetRequiredService<DtfxHost>());
        services.AddSingleton<DurableTaskClient>(sp => sp.GetRequiredService<DtfxHost>().Client);
        return services;
    }
}
