using CfSync.Sync.Entities;
using CfSync.Testing;

namespace CfSync.Sync.IntegrationTests;

/// <summary>One task hub on Azurite and one running engine for the test class; each test uses its own tunnel.</summary>
public sealed class EngineFixture : IAsyncLifetime
{
    public static readonly TimeSpan QuietWindow = TimeSpan.FromSeconds(1.5);

    private readonly TaskHubFixture hub = new();

    public EngineRig Rig { get; private set; } = null!;

    internal RecordingStatusSink Statuses { get; } = new();

    public async Task InitializeAsync()
    {
        await hub.InitializeAsync();
        Rig = await EngineRig.StartAsync(
            hub.CreateOptions(o =>
            {
                // Longer than any injected latency, or a slow activity reappears and runs twice; short enough that a
                // killed worker's activity comes back within the test.
                o.WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(20);
            }),
            options =>
            {
                options.DebounceQuietWindow = QuietWindow;
                options.DebounceMaxWait = TimeSpan.FromSeconds(15);
                options.MaxAttempts = 4;
                options.FirstRetryDelay = TimeSpan.FromMilliseconds(500);
                options.MaxRetryDelay = TimeSpan.FromSeconds(2);
            },
            Statuses);
    }

    /// <summary>Waits until the entity has no pending work (its outcome mirrored too) and its state passes <paramref name="condition"/>.</summary>
    public Task<ResourceSyncState> SettledAsync(string tunnelId, Func<ResourceSyncState, bool> condition, TimeSpan? timeout = null) =>
        Rig.WaitForStateAsync(
            tunnelId,
            state => state is { InFlight: null, Permit: null, FollowUp: false, Debounce.DirtySince: null, Mirror: { InFlight: null, Pending: false } } && condition(state),
            timeout ?? TimeSpan.FromSeconds(60),
            $"tunnel {tunnelId} to settle");

    public async Task DisposeAsync()
    {
        if (Rig is not null)
        {
            await Rig.DisposeAsync();
        }

        await hub.DisposeAsync();
    }
}
