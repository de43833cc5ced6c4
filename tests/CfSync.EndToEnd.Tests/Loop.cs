using CfSync.Kubernetes;
using CfSync.Kubernetes.DevCluster;
using CfSync.Kubernetes.Sources;
using CfSync.Kubernetes.SyncStates;
using CfSync.Kubernetes.Watchers;
using CfSync.LocalHost;
using CfSync.Sync.Sources;
using CfSync.Testing;
using CfSync.Watchers.Watching;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CfSync.EndToEnd.Tests;

/// <summary>
/// The whole loop in this process, every hop over real HTTP or real storage: the dev cluster, event bridges writing
/// the change queue on Azurite, the local host's queue listener running the watchers, the engine (DTFx on Azurite)
/// mirroring into CloudflareSyncState, and the Cloudflare emulator seeded with samples/emulator-seed.json. The engine
/// side (watchers, status writers) calls the cluster as the Functions worker's service account and the bridges as
/// theirs (<see cref="KubernetesTestApiServer.RecordedRequests"/>); the test's own writes and reads are anonymous.
/// </summary>
internal sealed class Loop : IAsyncDisposable
{
    private readonly TaskHubFixture _hub;
    private readonly List<RunningBridge> _bridges = [];
    private readonly IKubernetes _worker;
    private ChangeQueueListener? _listener;

    private Loop(TaskHubFixture hub, KubernetesTestApiServer cluster, IKubernetes client, IKubernetes worker, EngineRig engine, ChangeQueues queues)
    {
        _hub = hub;
        _worker = worker;
        Cluster = cluster;
        Client = client;
        Engine = engine;
        Queues = queues;
        Objects = new ClusterObjects(client);
    }

    public KubernetesTestApiServer Cluster { get; }

    /// <summary>The test's own client (anonymous).</summary>
    public IKubernetes Client { get; }

    public EngineRig Engine { get; }

    /// <summary>The change queue the bridges write and the listener reads, and its poison queue.</summary>
    public ChangeQueues Queues { get; }

    public ClusterObjects Objects { get; }

    public IReadOnlyList<RunningBridge> Bridges => _bridges;

    /// <summary>Starts everything but the bridges (<see cref="StartBridgeAsync"/>).</summary>
    public static async Task<Loop> StartAsync(TestApiServerOptions? clusterOptions = null, Action<CfSync.Sync.SyncOptions>? sync = null)
    {
        var hub = new TaskHubFixture();
        await hub.InitializeAsync();
        var cluster = await KubernetesTestApiServer.StartAsync(clusterOptions);
        var client = cluster.CreateClient();
        var worker = cluster.CreateClient(Grants.Functions);
        var engine = await EngineRig.StartAsync(
            hub.CreateOptions(o => o.WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(20)),
            options =>
            {
                options.DebounceQuietWindow = TimeSpan.FromMilliseconds(300);
                options.DebounceMaxWait = TimeSpan.FromSeconds(5);
                options.FirstRetryDelay = TimeSpan.FromMilliseconds(500);
                options.MaxRetryDelay = TimeSpan.FromSeconds(2);
                options.FirstMirrorRetryDelay = TimeSpan.FromSeconds(1);
                options.MaxMirrorRetryDelay = TimeSpan.FromSeconds(2);
                sync?.Invoke(options);
            },
            new KubernetesStatusSink(
                new SyncStateWriter(worker, TimeProvider.System), new SourceStatusWriter(worker, TimeProvider.System), NullLogger<KubernetesStatusSink>.Instance));
        using (var http = new HttpClient())
        {
            using var seed = new StringContent(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "emulator-seed.json")), System.Text.Encoding.UTF8, "application/json");
            (await http.PostAsync(new Uri(engine.Emulator.RootAddress, "__emulator/seed"), seed)).EnsureSuccessStatusCode();
        }

        var queues = ChangeQueues.Create(Azurite.ConnectionString, $"e2e-{Guid.NewGuid():N}"[..30]);
        // The bridge creates the queue it writes; a message put by a test before it starts needs it too.
        await queues.Changes.CreateIfNotExistsAsync();
        var loop = new Loop(hub, cluster, client, worker, engine, queues);
        await loop.StartListenerAsync();
        return loop;
    }

    /// <summary>Another bridge replica on the loop's queue and Lease.</summary>
    public async Task<RunningBridge> StartBridgeAsync()
    {
        var bridge = await RunningBridge.StartAsync(Cluster, new ChangeQueueReader(Queues.Changes.Name));
        _bridges.Add(bridge);
        return bridge;
    }

    /// <summary>
    /// Kills the engine's worker (no graceful shutdown) and starts a fresh one, as when the local host process dies and
    /// comes back: its queue listener goes down and comes back with it, on the new worker's client.
    /// </summary>
    public async Task RestartEngineAbruptlyAsync()
    {
        await StopListenerAsync();
        await Engine.RestartAbruptlyAsync();
        await StartListenerAsync();
    }

    /// <summary>The texts of the messages in the poison queue.</summary>
    public async Task<IReadOnlyList<string>> PoisonedAsync() =>
        [.. (await Queues.Poison.PeekMessagesAsync(32)).Value.Select(m => m.MessageText)];

    public async ValueTask DisposeAsync()
    {
        foreach (var bridge in _bridges)
        {
            await bridge.DisposeAsync();
        }

        await StopListenerAsync();
        await Engine.DisposeAsync();
        await Queues.Changes.DeleteIfExistsAsync();
        await Queues.Poison.DeleteIfExistsAsync();
        Client.Dispose();
        _worker.Dispose();
        await Cluster.DisposeAsync();
        await _hub.DisposeAsync();
    }

    private async Task StartListenerAsync()
    {
        var options = new ChangeListenerOptions
        {
            VisibilityTimeout = TimeSpan.Zero,
            MinPollingInterval = TimeSpan.FromMilliseconds(20),
            MaxPollingInterval = TimeSpan.FromMilliseconds(200),
        };
        var sources = new SourceClient(Engine.Host.Client);
        _listener = new ChangeQueueListener(
            Queues,
            new ChangeWatcher(new KubernetesClusterReader(_worker), TimeProvider.System, NullLogger<ChangeWatcher>.Instance),
            new SourceClientSignals(sources),
            new SourceEntities(sources),
            Options.Create(options),
            TimeProvider.System,
            NullLogger<ChangeQueueListener>.Instance);
        await _listener.StartAsync(CancellationToken.None);
    }

    private async Task StopListenerAsync()
    {
        if (_listener is null)
        {
            return;
        }

        await _listener.StopAsync(CancellationToken.None);
        // A listener that died on its own would have hidden every later failure as "nothing synced".
        Assert.False(_listener.ExecuteTask!.IsFaulted, _listener.ExecuteTask.Exception?.ToString());
        _listener.Dispose();
        _listener = null;
    }
}
