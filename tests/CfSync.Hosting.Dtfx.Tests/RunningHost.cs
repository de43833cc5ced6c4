using CfSync.Hosting.Dtfx;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CfSync.Hosting.Dtfx.Tests;

/// <summary>A started <see cref="DtfxHost"/> with every test task registered, and the service provider it resolves them from.</summary>
sealed class RunningHost : IAsyncDisposable
{
    readonly ServiceProvider services;

    RunningHost(ServiceProvider services, DtfxHost host) => (this.services, this.Host) = (services, host);

    public DtfxHost Host { get; }

    public DtfxDurableTaskClient Client => this.Host.Client;

    public static async Task<RunningHost> StartAsync(DtfxHostOptions options, GateControl? gate = null, ILoggerFactory? loggerFactory = null)
    {
        var collection = new ServiceCollection().AddSingleton(new Greeting("Hello"));
        collection.AddSingleton(gate ?? new GateControl("default", Task.CompletedTask));
        ServiceProvider services = collection.BuildServiceProvider();
        var registry = new DtfxTaskRegistry();
        TestTasks.Register(registry);
        var host = new DtfxHost(options, registry, services, loggerFactory);
        await host.StartAsync(CancellationToken.None);
        return new RunningHost(services, host);
    }

    public async ValueTask DisposeAsync()
    {
        await this.Host.DisposeAsync();
        await this.services.DisposeAsync();
    }
}

/// <summary>One task hub and one running host shared by the tests of a class.</summary>
public sealed class SharedHostFixture : IAsyncLifetime
{
    readonly CfSync.Testing.TaskHubFixture hub = new();
    RunningHost? running;

    internal RunningHost Running => this.running ?? throw new InvalidOperationException("The host is not started.");

    public async Task InitializeAsync()
    {
        await this.hub.InitializeAsync();
        this.running = await RunningHost.StartAsync(this.hub.CreateOptions());
    }

    public async Task DisposeAsync()
    {
        if (this.running is not null)
        {
            await this.running.DisposeAsync();
        }

        await this.hub.DisposeAsync();
    }
}
