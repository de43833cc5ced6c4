using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CfSync.Cloudflare.Emulator;
using CfSync.Cloudflare.Emulator.Control;
using CfSync.Core.Fragments;
using CfSync.Core.Hashing;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Core.Tunnels;
using CfSync.Hosting.Dtfx;
using CfSync.Sync.Client;
using CfSync.Sync.Entities;
using Microsoft.Extensions.DependencyInjection;

namespace CfSync.Testing.Workers;

/// <summary>
/// Several local-host workers on one Azurite task hub with the Cloudflare emulator: every tunnel's first PUT is held in
/// the emulator (so each tunnel has a sync in flight), a newer configuration is registered for every tunnel while they
/// are held, and the worker owning the partition of the first tunnel's entity is killed with SIGKILL. Then waits for
/// the survivors to own every partition, for every tunnel to reach its newest configuration, and for every held PUT to
/// have ended, and reports what the leases and the emulator's journal show. It asserts nothing: the test and the
/// benchmark judge the report.
/// </summary>
public static class TakeoverDrill
{
    public const string AccountId = EngineRig.AccountId;

    /// <summary>Configurations registered per tunnel: the first is held in flight, the last is the desired one.</summary>
    public const int Generations = 2;

    /// <summary>Runs the drill; worker logs go to <paramref name="logDirectory"/>, progress to <paramref name="progress"/>.</summary>
    public static async Task<TakeoverReport> RunAsync(TakeoverDrillSettings settings, string logDirectory, Action<string> progress)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);
        await using var emulator = await CloudflareEmulator.StartAsync(new EmulatorOptions { Port = 0 }).ConfigureAwait(false);
        var tunnels = Enumerable.Range(0, settings.Tunnels).Select(_ => Guid.NewGuid().ToString()).ToList();
        emulator.Seed(new EmulatorSeed { Tunnels = [.. tunnels.Select(t => new SeedTunnel(AccountId, t, $"drill-{t[..8]}"))] });
        var hub = new DtfxHostOptions
        {
            ConnectionString = Azurite.ConnectionString,
            TaskHubName = TaskHubNames.Unique("takeover"),
            PartitionCount = settings.PartitionCount,
        };
        await using var services = new ServiceCollection().BuildServiceProvider();
        await using var client = new DtfxHost(hub, new DtfxTaskRegistry(), services);
        var sync = new ResourceSyncClient(client.Client);
        try
        {
            using var fleet = WorkerFleet.Start(hub, emulator, settings.Workers, logDirectory, settings.Hold * 2);
            var before = await WaitForOwnersAsync(
                hub, owners => owners.Values.Distinct().Count() == settings.Workers, settings.Timeout, "every worker to own a partition").ConfigureAwait(false);
            progress($"partitions before: {PartitionLeases.Describe(before)}");

            foreach (var tunnel in tunnels)
            {
                emulator.Faults.Add(new FaultRule(ConfigurationPath(tunnel), "PUT", Count: 1, LatencyMs: (int)settings.Hold.TotalMilliseconds));
            }

            await Task.WhenAll(tunnels.Select(t => RegisterAsync(client.Client, t, generation: 1))).ConfigureAwait(false);
            await Eventually.TrueAsync(
                () => Task.FromResult(emulator.Faults.Armed.Count == 0), settings.Timeout, "every tunnel's first PUT to be held in the emulator").ConfigureAwait(false);
            await Task.WhenAll(tunnels.Select(t => RegisterAsync(client.Client, t, generation: Generations))).ConfigureAwait(false);

            var victim = before[PartitionOf(tunnels[0], hub)]!;
            var victimTunnels = tunnels.Where(t => before[PartitionOf(t, hub)] == victim).ToList();
            var killedAt = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            fleet.Kill(victim);
            progress($"killed {victim} with every tunnel's first PUT held; its partitions hold the entities of {victimTunnels.Count} of {tunnels.Count} tunnels");

            var survivors = fleet.Running.ToHashSet(StringComparer.Ordinal);
            var after = await WaitForOwnersAsync(
                hub, owners => owners.Values.All(o => o is not null && survivors.Contains(o)), settings.Timeout, "the survivors to own every partition").ConfigureAwait(false);
            var takeover = clock.Elapsed;
            progress($"partitions after {takeover.TotalSeconds:F1} s: {PartitionLeases.Describe(after)}");

            await Eventually.TrueAsync(
                async () => (await Task.WhenAll(tunnels.Select(t => IsSyncedAsync(sync, emulator, t))).ConfigureAwait(false)).All(synced => synced),
                settings.Timeout,
                "every tunnel to hold its newest configuration",
                TimeSpan.FromMilliseconds(500)).ConfigureAwait(false);
            var converged = clock.Elapsed;

            // A held PUT that ends late must be in the journal before it is judged: every tunnel's held PUT arrived
            // before the kill, and ends as an aborted request (its worker died) or an applied one.
            await Eventually.TrueAsync(
                () => Task.FromResult(tunnels.All(t => PutsTo(emulator, t).Any(p => p.Timestamp < killedAt))), settings.Timeout, "every held PUT to end").ConfigureAwait(false);
            var journal = emulator.Journal.Snapshot();
            var outcomes = new List<TunnelOutcome>();
            foreach (var tunnel in tunnels)
            {
                outcomes.Add(await OutcomeAsync(emulator, sync, tunnel, victimTunnels.Contains(tunnel)).ConfigureAwait(false));
            }

            return new TakeoverReport(before, after, victim, takeover, converged, outcomes, journal.Count, JournalWindows.MostCallsWithin(journal, TimeSpan.FromMinutes(5)));
        }
        finally
        {
            await DtfxTaskHub.DeleteAsync(hub).ConfigureAwait(false);
        }
    }

    /// <summary>The generation of a configuration body: its one hostname is <c>g{generation}.{tunnel}.example.com</c>.</summary>
    public static int GenerationOf(JsonNode? config) =>
        config?["ingress"]?.AsArray().Select(r => r?["hostname"]?.GetValue<string>()).OfType<string>().Select(h => int.Parse(h[1..h.IndexOf('.', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)).Single()
        ?? throw new InvalidOperationException("The configuration has no ingress hostname.");

    private static string ConfigurationPath(string tunnel) => $"accounts/*/cfd_tunnel/{tunnel}/configurations";

    private static string Hostname(string tunnel, int generation) => $"g{generation}.{tunnel[..8]}.example.com";

    private static Task RegisterAsync(Microsoft.DurableTask.Client.DurableTaskClient client, string tunnel, int generation)
    {
        var resource = new ResourceIdentity(ResourceType.TunnelConfiguration, tunnel);
        var ingress = new SourceRegistration(new Source("Ingress", "drill", "web"), new SourceVersion($"uid-{tunnel}", generation),
            new IngressRulesFragment([new IngressRule(Hostname(tunnel, generation), null, "http://web.drill.svc:80")]));
        return generation > 1
            ? client.RegisterConfigAsync(resource, ingress)
            : Task.WhenAll(
                client.RegisterConfigAsync(resource, new SourceRegistration(new Source("ClusterTunnel", null, "edge"), new SourceVersion("edge", 1), new TunnelSettingsFragment(true))
                {
                    Scope = new ResourceScope(AccountId),
                }),
                client.RegisterConfigAsync(resource, ingress));
    }

    /// <summary>The control queue (partition) holding the tunnel's entity, as the provider places instances.</summary>
    private static string PartitionOf(string tunnel, DtfxHostOptions hub)
    {
        var instanceId = new DurableTask.Core.Entities.EntityId(ResourceEntityKey.EntityName, ResourceEntityKey.Format(new ResourceIdentity(ResourceType.TunnelConfiguration, tunnel))).ToString();
        var index = Fnv1a(Encoding.UTF8.GetBytes(instanceId)) % (uint)hub.PartitionCount;
        return $"{hub.TaskHubName.ToLowerInvariant()}-control-{index:00}";
    }

    // The provider's placement hash (32-bit FNV-1a over the UTF-8 instance id; its helper is internal).
    private static uint Fnv1a(byte[] bytes)
    {
        var hash = 2166136261;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619;
        }

        return hash;
    }

    private static async Task<IReadOnlyDictionary<string, string?>> WaitForOwnersAsync(
        DtfxHostOptions hub, Func<IReadOnlyDictionary<string, string?>, bool> done, TimeSpan timeout, string what)
    {
        IReadOnlyDictionary<string, string?> owners = new Dictionary<string, string?>();
        try
        {
            await Eventually.TrueAsync(
                async () =>
                {
                    owners = await PartitionLeases.ReadAsync(hub.ConnectionString, hub.TaskHubName).ConfigureAwait(false);
                    return owners.Count == hub.PartitionCount && owners.Values.All(o => o is not null) && done(owners);
                },
                timeout,
                what,
                TimeSpan.FromMilliseconds(500)).ConfigureAwait(false);
        }
        catch (TimeoutException timedOut)
        {
            throw new TimeoutException($"{timedOut.Message} Leases: {PartitionLeases.Describe(owners)}", timedOut);
        }

        return owners;
    }

    private static List<JournalEntry> PutsTo(CloudflareEmulator emulator, string tunnel) =>
        [.. emulator.Journal.Snapshot().Where(e => e.Method == "PUT" && e.Path.EndsWith($"/cfd_tunnel/{tunnel}/configurations", StringComparison.Ordinal)).OrderBy(e => e.Sequence)];

    // Synced on the newest generation, and Cloudflare's last applied body is the one the entity hashed.
    private static async Task<bool> IsSyncedAsync(ResourceSyncClient sync, CloudflareEmulator emulator, string tunnel)
    {
        var state = await sync.GetStateAsync(new ResourceIdentity(ResourceType.TunnelConfiguration, tunnel)).ConfigureAwait(false);
        if (state is not { SyncStatus: SyncStatus.Synced, InFlight: null } || state.LastAppliedHash != state.ConfigHash)
        {
            return false;
        }

        var applied = PutsTo(emulator, tunnel).LastOrDefault(p => p.Status == 200)?.RequestBody;
        return applied is not null && ConfigHash.Of(Encoding.UTF8.GetBytes(applied)) == state.ConfigHash && GenerationOf(JsonNode.Parse(applied)?["config"]) == Generations;
    }

    private static async Task<TunnelOutcome> OutcomeAsync(CloudflareEmulator emulator, ResourceSyncClient sync, string tunnel, bool onVictim)
    {
        var puts = PutsTo(emulator, tunnel);
        var applied = puts.Where(p => p.Status == 200).Select(p => GenerationOf(JsonNode.Parse(p.RequestBody!)?["config"])).ToList();
        var state = await sync.GetStateAsync(new ResourceIdentity(ResourceType.TunnelConfiguration, tunnel)).ConfigureAwait(false);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.ApiBaseAddress, $"accounts/{AccountId}/cfd_tunnel/{tunnel}/configurations"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", EmulatorOptions.DefaultToken);
        using var response = await http.SendAsync(request).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var held = JsonNode.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false))?["result"]?["config"];
        return new TunnelOutcome(
            tunnel, onVictim, applied, puts.Count(p => p.Aborted), puts.Count(p => p.Status is not (null or 200)),
            GenerationOf(held), state?.SyncStatus, state is not null && state.LastAppliedHash == state.ConfigHash);
    }
}

/// <param name="Hold">How long the emulator holds each tunnel's first PUT; the workers' Cloudflare attempt timeout is twice it.</param>
/// <param name="Timeout">Bound of each wait (lease balance, takeover, convergence): generous, for a loaded machine.</param>
public sealed record TakeoverDrillSettings(int Workers = 3, int PartitionCount = 4, int Tunnels = 8)
{
    public TimeSpan Hold { get; init; } = TimeSpan.FromSeconds(40);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);
}

/// <param name="Before">Partition owners once every worker owned one, before the kill.</param>
/// <param name="After">Partition owners once the survivors owned them all.</param>
/// <param name="TakeoverTime">From the kill until the survivors owned every partition.</param>
/// <param name="ConvergedTime">From the kill until every tunnel held its newest configuration.</param>
/// <param name="Calls">Cloudflare API requests the workers made in the whole drill.</param>
/// <param name="MaxCallsPer5Minutes">The most of them arriving within any 5 minutes (Cloudflare's budget window).</param>
public sealed record TakeoverReport(
    IReadOnlyDictionary<string, string?> Before,
    IReadOnlyDictionary<string, string?> After,
    string Victim,
    TimeSpan TakeoverTime,
    TimeSpan ConvergedTime,
    IReadOnlyList<TunnelOutcome> Tunnels,
    int Calls,
    int MaxCallsPer5Minutes);

/// <param name="OnVictim">The tunnel's entity was in a partition of the killed worker.</param>
/// <param name="Applied">Generations of the configuration PUTs Cloudflare applied (200), in the order it applied them.</param>
/// <param name="Aborted">PUTs whose client went away before the answer (the killed worker's).</param>
/// <param name="Failed">PUTs answered with an error.</param>
/// <param name="Held">Generation of the configuration Cloudflare holds at the end.</param>
/// <param name="EntityAgrees">The entity's last applied hash is its configuration hash.</param>
public sealed record TunnelOutcome(
    string TunnelId, bool OnVictim, IReadOnlyList<int> Applied, int Aborted, int Failed, int Held, SyncStatus? Status, bool EntityAgrees);
