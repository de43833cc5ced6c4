using System.Text.Json.Nodes;
using CfSync.Cloudflare;
using CfSync.Cloudflare.Emulator;
using CfSync.Cloudflare.Emulator.Control;
using CfSync.Core.Resources;
using CfSync.Hosting.Dtfx;
using CfSync.LocalHost;
using CfSync.Sync.Client;
using CfSync.Sync.Entities;
using CfSync.Sync.Status;
using CfSync.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CfSync.Sync.IntegrationTests;

/// <summary>
/// One task hub on Azurite, one Cloudflare emulator and one running engine host for the test class. Each test uses its
/// own tunnel (so its own entity), seeded in the emulator.
/// </summary>
public sealed class EngineFixture : IAsyncLifetime
{
    public const string AccountId = "0123456789abcdef0123456789abcdef";

    public static readonly TimeSpan QuietWindow = TimeSpan.FromSeconds(1.5);

    private readonly TaskHubFixture hub = new();
    private ServiceProvider? services;

    public CloudflareEmulator Emulator { get; private set; } = null!;

    public DtfxHost Host { get; private set; } = null!;

    public ResourceSyncClient Sync => new(Host.Client);

    public CloudflareClient Cloudflare => services!.GetRequiredService<CloudflareClient>();

    internal RecordingStatusSink Statuses { get; } = new();

    public async Task InitializeAsync()
    {
        await hub.InitializeAsync();
        Emulator = await CloudflareEmulator.StartAsync(new EmulatorOptions { Port = 0 });
        var collection = new ServiceCollection().AddLogging();
        collection.AddSingleton<IStatusSink>(Statuses);
        collection.AddCloudflareClient(options =>
        {
            options.BaseUrl = Emulator.ApiBaseAddress;
            options.ApiToken = EmulatorOptions.DefaultToken;
            options.Retry.MaxRetryAttempts = 1;
            options.Retry.BaseDelay = TimeSpan.FromMilliseconds(50);
        });
        collection.AddCfSyncEngine(options =>
        {
            options.DebounceQuietWindow = QuietWindow;
            options.DebounceMaxWait = TimeSpan.FromSeconds(15);
            options.MaxAttempts = 4;
            options.FirstRetryDelay = TimeSpan.FromMilliseconds(500);
            options.MaxRetryDelay = TimeSpan.FromSeconds(2);
        });
        services = collection.BuildServiceProvider();
        Host = await StartHostAsync();
    }

    /// <summary>Kills the running worker (no graceful shutdown) and starts a fresh one on the same task hub.</summary>
    public async Task RestartAbruptlyAsync()
    {
        await Host.StopAbruptlyAsync();
        await Host.DisposeAsync();
        Host = await StartHostAsync();
    }

    public string NewTunnel()
    {
        var id = Guid.NewGuid().ToString();
        Emulator.Seed(new EmulatorSeed { Tunnels = [new SeedTunnel(AccountId, id, $"tunnel-{id[..8]}")] });
        return id;
    }

    public IReadOnlyList<JournalEntry> PutsTo(string tunnelId) =>
        Emulator.Journal.Snapshot()
            .Where(e => e.Method == "PUT" && e.Path.EndsWith($"/cfd_tunnel/{tunnelId}/configurations", StringComparison.Ordinal))
            .OrderBy(e => e.Sequence)
            .ToList();

    public async Task<JsonObject> AppliedConfigAsync(string tunnelId) =>
        (await Cloudflare.Tunnels.GetConfigurationAsync(AccountId, tunnelId))!.Config!;

    /// <summary>Waits until the entity has no pending work and its state passes <paramref name="condition"/>.</summary>
    public async Task<ResourceSyncState> SettledAsync(string tunnelId, Func<ResourceSyncState, bool> condition, TimeSpan? timeout = null)
    {
        ResourceSyncState? state = null;
        try
        {
            await Eventually.TrueAsync(
                async () =>
                {
                    state = await Sync.GetStateAsync(new ResourceIdentity(ResourceType.TunnelConfiguration, tunnelId));
                    return state is { InFlight: null, FollowUp: false, Debounce.DirtySince: null } && condition(state);
                },
                timeout ?? TimeSpan.FromSeconds(60),
                $"tunnel {tunnelId} to settle",
                TimeSpan.FromMilliseconds(200));
        }
        catch (TimeoutException timedOut)
        {
            // Say where the entity got stuck: its state without the (long) aggregate.
            var seen = state is null ? "no state" : System.Text.Json.JsonSerializer.Serialize(new
            {
                state.SyncStatus, state.InFlight, state.FollowUp, state.Debounce, state.Attempts, state.LastError,
                state.SyncCount, Sources = state.Sources.Count, state.ConfigHash, state.LastAppliedHash,
            });
            throw new TimeoutException($"{timedOut.Message} Last state: {seen}", timedOut);
        }

        return state!;
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }

        if (services is not null)
        {
            await services.DisposeAsync();
        }

        await hub.DisposeAsync();
    }

    private async Task<DtfxHost> StartHostAsync()
    {
        var host = new DtfxHost(
            hub.CreateOptions(o =>
            {
                // Longer than any injected latency, or a slow activity reappears and runs twice; short enough that a
                // killed worker's activity comes back quickly.
                o.WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(20);
                o.WorkerId = $"engine-{Guid.NewGuid():N}"; // a replacement worker is another worker, as after a crash
            }),
            SyncEngineTasks.Register(new DtfxTaskRegistry()),
            services!);
        await host.StartAsync(CancellationToken.None);
        return host;
    }
}
