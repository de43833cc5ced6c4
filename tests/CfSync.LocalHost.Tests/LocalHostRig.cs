using CfSync.Cloudflare.Emulator;
using CfSync.Hosting.Dtfx;
using CfSync.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CfSync.LocalHost.Tests;

/// <summary>
/// The local host as run-local.sh runs it, in this process: Kestrel on a free loopback port, its own task hub on the
/// run's Azurite (deleted at the end), a Cloudflare emulator, configured through the command line.
/// </summary>
public sealed class LocalHostRig : IAsyncDisposable
{
    public const string Key = "test-access-key-0123456789";

    private readonly WebApplication app;
    private readonly CloudflareEmulator emulator;
    private readonly string taskHub;

    private LocalHostRig(WebApplication app, CloudflareEmulator emulator, string taskHub, Uri address)
    {
        (this.app, this.emulator, this.taskHub) = (app, emulator, taskHub);
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The host's durable client: what the Functions app receives through [DurableClient].</summary>
    public DurableTaskClient Client => app.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>A client without the key; see <see cref="WithKey"/>.</summary>
    public HttpClient Http { get; }

    /// <param name="settings">Further <c>--key=value</c> settings; <c>null</c> for the access key leaves it unset.</param>
    public static async Task<LocalHostRig> StartAsync(string? accessKey = Key, IEnumerable<string>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var emulator = await CloudflareEmulator.StartAsync(new EmulatorOptions { Port = 0 });
        var taskHub = TaskHubNames.Unique("localapi");
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--CFSYNC_STORAGE_CONNECTION={Azurite.ConnectionString}",
            $"--CfSync:TaskHub={taskHub}",
            $"--Cloudflare:BaseUrl={emulator.ApiBaseAddress}",
            $"--Cloudflare:ApiToken={EmulatorOptions.DefaultToken}",
            "--Logging:LogLevel:Default=Warning",
            .. accessKey is null ? Array.Empty<string>() : [$"--CfSync:LocalHost:AccessKey={accessKey}"],
            .. settings ?? [],
        ];
        var builder = LocalHostApp.CreateBuilder(args);
        configure?.Invoke(builder);
        var app = LocalHostApp.Build(builder);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LocalHostRig(app, emulator, taskHub, new Uri(address));
    }

    public static HttpRequestMessage WithKey(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Add(AccessKeyCheck.HeaderName, Key);
        return request;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        await DtfxTaskHub.DeleteAsync(new DtfxHostOptions { ConnectionString = Azurite.ConnectionString, TaskHubName = taskHub });
        await emulator.DisposeAsync();
    }
}
