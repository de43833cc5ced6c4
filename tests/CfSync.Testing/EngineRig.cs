using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Cloudflare;
using CfSync.Cloudflare.Emulator;
using CfSync.Cloudflare.Emulator.Control;
using CfSync.Hosting.Dtfx;
using CfSync.LocalHost;
using CfSync.Sync;
using CfSync.Core.Resources;
using CfSync.Sync.Client;
using CfSync.Sync.Entities;
using CfSync.Sync.Sources;
using CfSync.Sync.Status;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CfSync.Testing;

/// <summary>
/// The whole engine in one process, as integration tests and the engine benchmark run it: the local host's SDK classes
/// on DTFx + Azure Storage (Azurite), calling a Cloudflare emulator over loopback HTTP.
/// </summary>
public sealed class EngineRig : IAsyncDisposable
{
    public const string AccountId = "0123456789abcdef0123456789abcdef";

    private readonly DtfxHostOptions hostOptions;
    private readonly ServiceProvider services;

    private EngineRig(DtfxHostOptions hostOptions, ServiceProvider services, CloudflareEmulator emulator)
    {
        this.hostOptions = hostOptions;
        this.services = services;
        Emulator = emulator;
    }

    public CloudflareEmulator Emulator { get; }

    public DtfxHost Host { get; private set; } = null!;

    public ResourceSyncClient Sync => new(Host.Client);

    /// <summary>The producers' way in: the source entities.</summary>
    public SourceClient Sources => new(Host.Client);

    public CloudflareClient Cloudflare => services.GetRequiredService<CloudflareClient>();

    public static async Task<EngineRig> StartAsync(
        DtfxHostOptions hostOptions, Action<SyncOptions> sync, IStatusSink? statusSink = null, Action<CloudflareOptions>? cloudflare = null, EmulatorOptions? emulatorOptions = null)
    {
        ArgumentNullException.ThrowIfNull(hostOptions);
        var emulator = await CloudflareEmulator.StartAsync(emulatorOptions ?? new EmulatorOptions { Port = 0 }).ConfigureAwait(false);
        EngineRig? rig = null;
        var collection = new ServiceCollection().AddLogging();

        // What a Functions app gets through [DurableClient]: the running worker's client (a new one after a restart).
        collection.AddTransient<DurableTaskClient>(_ => rig!.Host.Client);
        if (statusSink is not null)
        {
            collection.AddSingleton(statusSink);
        }

        collection.AddCloudflareClient(options =>
        {
            options.BaseUrl = emulator.ApiBaseAddress;
            options.ApiToken = EmulatorOptions.DefaultToken;
            options.Retry.MaxRetryAttempts = 1;
            options.Retry.BaseDelay = TimeSpan.FromMilliseconds(50);
            cloudflare?.Invoke(options);
        });
        collection.AddCfSyncEngine(sync);
        rig = new EngineRig(hostOptions, collection.BuildServiceProvider(), emulator);
        rig.Host = await rig.StartHostAsync().ConfigureAwait(false);
        return rig;
    }

    /// <summary>Kills the running worker (no graceful shutdown) and starts a fresh one on the same task hub.</summary>
    public async Task RestartAbruptlyAsync()
    {
        await Host.StopAbruptlyAsync().ConfigureAwait(false);
        await Host.DisposeAsync().ConfigureAwait(false);
        Host = await StartHostAsync().ConfigureAwait(false);
    }

    /// <summary>A new tunnel, known to the emulator, in <see cref="AccountId"/>.</summary>
    public string NewTunnel()
    {
        var id = Guid.NewGuid().ToString();
        Emulator.Seed(new EmulatorSeed { Tunnels = [new SeedTunnel(AccountId, id, $"tunnel-{id[..8]}")] });
        return id;
    }

    /// <summary>The completed PUTs of a tunnel's configuration, in arrival order (the journal records on completion).</summary>
    public IReadOnlyList<JournalEntry> PutsTo(string tunnelId) =>
        Emulator.Journal.Snapshot()
            .Where(e => e.Method == "PUT" && e.Path.EndsWith($"/cfd_tunnel/{tunnelId}/configurations", StringComparison.Ordinal))
            .OrderBy(e => e.Sequence)
            .ToList();

    public async Task<JsonObject> AppliedConfigAsync(string tunnelId) =>
        (await Cloudflare.Tunnels.GetConfigurationAsync(AccountId, tunnelId).ConfigureAwait(false))!.Config!;

    /// <summary>
    /// Polls the tunnel's entity until its state passes <paramref name="condition"/>. On timeout, says where the entity
    /// got stuck: its state without the (long) aggregate.
    /// </summary>
    public async Task<ResourceSyncState> WaitForStateAsync(string tunnelId, Func<ResourceSyncState, bool> condition, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ResourceSyncState? state = null;
        try
        {
            await Eventually.TrueAsync(
                async () =>
                {
                    state = await Sync.GetStateAsync(new ResourceIdentity(ResourceType.TunnelConfiguration, tunnelId)).ConfigureAwait(false);
                    return state is not null && condition(state);
                },
                timeout,
                what,
                TimeSpan.FromMilliseconds(200)).ConfigureAwait(false);
        }
        catch (TimeoutException timedOut)
        {
            var seen = state is null ? "no state" : JsonSerializer.Serialize(new
            {
                state.SyncStatus, state.InFlight, state.Permit, state.FollowUp, state.Debounce, state.Attempts, state.LastError, state.Mirror,
                state.SyncCount, Sources = state.Sources.Count, state.ConfigHash, state.LastAppliedHash,
            });
            throw new TimeoutException($"{timedOut.Message} Last state: {seen}", timedOut);
        }

        return state!;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync().ConfigureAwait(false);
        await Emulator.DisposeAsync().ConfigureAwait(false);
        await services.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<DtfxHost> StartHostAsync()
    {
        // A replacement worker is another worker, as after a crash.
        hostOptions.WorkerId = $"engine-{Guid.NewGuid():N}";
        var host = new DtfxHost(hostOptions, SyncEngineTasks.Register(new DtfxTaskRegistry()), services);
        await host.StartAsync(CancellationToken.None).ConfigureAwait(false);
        return host;
    }
}
