using System.Globalization;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CfSync.Kubernetes.ApiServer;

/// <summary>
/// An in-process Kubernetes API server for tests on 127.0.0.1 (Kestrel, free port). Point
/// KubernetesClient at it with <see cref="ClientConfiguration"/> or a file from <see cref="WriteKubeconfig"/>.
/// </summary>
public sealed class KubernetesTestApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ObjectStore _store;

    private KubernetesTestApiServer(WebApplication app, ObjectStore store, Uri baseAddress)
    {
        _app = app;
        _store = store;
        BaseAddress = baseAddress;
    }

    /// <summary>http://127.0.0.1:{port}/</summary>
    public Uri BaseAddress { get; }

    /// <summary>The newest resourceVersion the server has handed out.</summary>
    public long CurrentResourceVersion => _store.CurrentResourceVersion;

    public static async Task<KubernetesTestApiServer> StartAsync(TestApiServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TestApiServerOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();

        var store = new ObjectStore(options.HistoryLimit, options.Time);
        var handler = new ApiHandler(store, options.Resources, new WatchResponder(store, options.BookmarkInterval, app.Lifetime.ApplicationStopping));
        app.Map("/api/{**rest}", handler.HandleAsync);
        app.Map("/apis/{**rest}", handler.HandleAsync);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new KubernetesTestApiServer(app, store, new Uri(address.TrimEnd('/') + "/"));
    }

    public KubernetesClientConfiguration ClientConfiguration() => new() { Host = BaseAddress.ToString() };

    /// <summary>A client for this server; the caller disposes it.</summary>
    public IKubernetes CreateClient() => new k8s.Kubernetes(ClientConfiguration());

    /// <summary>Writes a kubeconfig (context "test"; the server ignores the token) for this server and returns its path.</summary>
    public string WriteKubeconfig(string path)
    {
        var server = BaseAddress.ToString().TrimEnd('/');
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: test
              cluster:
                server: {server}
            users:
            - name: test
              user:
                token: unused
            contexts:
            - name: test
              context:
                cluster: test
                user: test
                namespace: default
            current-context: test

            """));
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
