using System.Globalization;
using System.Net;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CfSync.Kubernetes.DevCluster;

/// <summary>
/// An in-process Kubernetes API server on 127.0.0.1 (Kestrel, free port by default) for tests, and for kubectl as the dev
/// cluster program (docs/dev-cluster.md; not for production: no authentication, persistence or admission). Point
/// KubernetesClient at it with <see cref="ClientConfiguration"/> or a file from <see cref="WriteKubeconfig"/>.
/// Tests make it fail with <see cref="InjectFault"/> (one verb on one resource answers an error) and with
/// <see cref="StopAsync"/> / <see cref="RestartAsync"/> (unreachable in between; same port and objects afterwards).
/// <see cref="RecordedRequests"/> says who (by bearer token) made which kinds of request.
/// </summary>
public sealed class KubernetesTestApiServer : IAsyncDisposable
{
    private readonly TestApiServerOptions _options;
    private readonly ObjectStore _store;
    private readonly InjectedFaults _faults;
    private readonly RequestRecord _record;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private WebApplication? _app;

    private KubernetesTestApiServer(TestApiServerOptions options, ObjectStore store, InjectedFaults faults, RequestRecord record, WebApplication app)
    {
        _options = options;
        _store = store;
        _faults = faults;
        _record = record;
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>http://127.0.0.1:{port}/</summary>
    public Uri BaseAddress { get; }

    /// <summary>The newest resourceVersion the server has handed out.</summary>
    public long CurrentResourceVersion => _store.CurrentResourceVersion;

    public static async Task<KubernetesTestApiServer> StartAsync(TestApiServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TestApiServerOptions();
        var store = new ObjectStore(options.HistoryLimit, options.MaxObjectBytes, options.Time);
        var faults = new InjectedFaults();
        var record = new RequestRecord();
        var app = await ListenAsync(options, store, faults, record, options.Port, cancellationToken);
        return new KubernetesTestApiServer(options, store, faults, record, app);
    }

    /// <summary>
    /// Every distinct request served since the start (across restarts), as RBAC names it, with the bearer token its
    /// client sent as the user ("" when none): what a test compares with a service account's Role rules.
    /// Discovery and other non-resource requests are not in it.
    /// </summary>
    public IReadOnlySet<RecordedRequest> RecordedRequests => _record.Snapshot;

    /// <summary>Matching requests get the fault's error until the returned handle is disposed.</summary>
    public IDisposable InjectFault(ApiFault fault) => _faults.Add(fault);

    /// <summary>
    /// Closes the port: open watches end and new connections are refused, as when the API server is down. The
    /// objects are kept for <see cref="RestartAsync"/>. Stopping a stopped server does nothing.
    /// </summary>
    public async Task StopAsync()
    {
        await _lifecycle.WaitAsync();
        try
        {
            if (_app is { } app)
            {
                _app = null;
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Listens again on the same port with the same objects, faults and resourceVersion counter.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (_app is not null)
            {
                throw new InvalidOperationException("The server is running; stop it first.");
            }

            _app = await ListenAsync(_options, _store, _faults, _record, BaseAddress.Port, cancellationToken);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>A configuration for this server; <paramref name="token"/>, when given, is sent as the bearer token and recorded as the user.</summary>
    public KubernetesClientConfiguration ClientConfiguration(string? token = null) => new() { Host = BaseAddress.ToString(), AccessToken = token };

    /// <summary>A client for this server (named by <paramref name="token"/>, see <see cref="RecordedRequests"/>); the caller disposes it.</summary>
    public IKubernetes CreateClient(string? token = null) => new k8s.Kubernetes(ClientConfiguration(token));

    /// <summary>
    /// Writes a kubeconfig (context "test") for this server and returns its path. The server checks no token; it records
    /// <paramref name="token"/> as the user of the requests made with this file.
    /// </summary>
    public string WriteKubeconfig(string path, string token = "unused")
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
                token: {token}
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
        await StopAsync();
        _lifecycle.Dispose();
    }

    private static async Task<WebApplication> ListenAsync(TestApiServerOptions options, ObjectStore store, InjectedFaults faults, RequestRecord record, int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port);
            k.Limits.MaxRequestBodySize = options.MaxRequestBytes;
        });
        var app = builder.Build();
        if (options.Logging is { } logging)
        {
            app.Use(new RequestLog(logging.CreateLogger<KubernetesTestApiServer>()).InvokeAsync);
        }

        var discovery = new Discovery(options.Resources);
        var openApi = new OpenApiDocuments(options.Resources, discovery);
        var tables = new TableForm(options.Time);
        var watches = new WatchResponder(store, options.BookmarkInterval, tables, app.Lifetime.ApplicationStopping);
        var handler = new ApiHandler(store, options.Resources, faults, record, watches, discovery, tables);
        app.Map("/api/{**rest}", handler.HandleAsync);
        app.Map("/apis/{**rest}", handler.HandleAsync);
        app.MapGet("/version", context => ApiHandler.WriteAsync(context, 200, Discovery.Version()));
        app.MapGet("/openapi/v3", context => ApiHandler.WriteAsync(context, 200, openApi.Index()));
        app.MapGet("/openapi/v3/{**groupVersion}", context => openApi.Find((string?)context.Request.RouteValues["groupVersion"] ?? "") is { } document
            ? ApiHandler.WriteAsync(context, 200, document)
            : ApiHandler.WriteAsync(context, 404, ApiStatusException.NotFoundPath().ToStatus()));
        await app.StartAsync(cancellationToken);
        return app;
    }
}
