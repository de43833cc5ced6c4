using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CfSync.Cloudflare.Emulator.Control;
using CfSync.Comparison.Benchmarks.Workload;
using k8s;

namespace CfSync.Comparison.Benchmarks.Scale;

/// <summary>
/// When the scale cases' tunnels hold every rule in Cloudflare. Each second it lists the CloudflareSyncStates (the
/// cluster, free); a tunnel whose state is Synced with all its rules and a hash not checked yet is then read from the
/// emulator once (GET of its configuration, with CfSync's token), so the checks cost CfSync's Cloudflare budget a
/// call per synced version, not one per second.
/// </summary>
internal sealed class TunnelConvergence(IKubernetes kubernetes, HttpClient http, ComparisonOptions options)
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary>Waits until every tunnel holds all its hostnames, or <paramref name="timeout"/>; returns those that do not.</summary>
    public async Task<IReadOnlyList<ScaleTunnel>> WaitAsync(IReadOnlyList<ScaleTunnel> tunnels, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var pending = tunnels.ToDictionary(t => t.Id);
        var checkedHash = new Dictionary<string, string>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        while (pending.Count > 0 && clock.Elapsed < timeout)
        {
            foreach (var (id, state) in await TunnelSyncStates.ListAsync(kubernetes, cancellationToken).ConfigureAwait(false))
            {
                if (!pending.TryGetValue(id, out var tunnel) || !state.Synced || state.RuleCount < tunnel.Rules
                    || state.ConfigHash is not { } hash || checkedHash.GetValueOrDefault(id) == hash)
                {
                    continue;
                }

                checkedHash[id] = hash;
                if (await HoldsAllAsync(tunnel, cancellationToken).ConfigureAwait(false))
                {
                    pending.Remove(id);
                }
            }

            if (pending.Count > 0)
            {
                await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
            }
        }

        return [.. pending.Values];
    }

    /// <summary>Waits until no tunnel has a CloudflareSyncState left (the engine let go of its last source), or the timeout.</summary>
    public async Task<int> WaitGoneAsync(IReadOnlyList<ScaleTunnel> tunnels, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var states = await TunnelSyncStates.ListAsync(kubernetes, cancellationToken).ConfigureAwait(false);
            var left = tunnels.Count(t => states.ContainsKey(t.Id));
            if (left == 0 || clock.Elapsed >= timeout)
            {
                return left;
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The tunnels' configuration PUTs in the emulator's journal: how many, 429s among them, the last successful one.</summary>
    public async Task<ConfigurationWrites> WritesAsync(IReadOnlyList<ScaleTunnel> tunnels, CancellationToken cancellationToken)
    {
        var ids = tunnels.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var journal = new JournalView(new EmulatorControlClient(http, options.Emulator), e => e.Method == "PUT"
            && e.Path.EndsWith("/configurations", StringComparison.Ordinal) && TunnelCalls.TunnelOf(e.Path) is { } id && ids.Contains(id));
        var puts = await journal.ReadAsync(cancellationToken).ConfigureAwait(false);
        var applied = puts.Where(e => e.Status == 200).ToList();
        return new ConfigurationWrites(puts.Count, puts.Count(e => e.Status == 429), applied.Count > 0 ? applied.Max(e => e.Timestamp) : null);
    }

    private async Task<bool> HoldsAllAsync(ScaleTunnel tunnel, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.EmulatorApi, $"accounts/{TunnelManifests.AccountId}/cfd_tunnel/{tunnel.Id}/configurations"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ComparisonOptions.CfSyncToken);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return false;
        }

        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var held = (body?["result"]?["config"]?["ingress"]?.AsArray() ?? [])
            .Select(rule => rule?["hostname"]?.GetValue<string>())
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        return tunnel.Hostnames.All(held.Contains);
    }
}

/// <summary>What the emulator's journal shows of the tunnels' configuration writes.</summary>
internal sealed record ConfigurationWrites(int Puts, int TooManyRequests, DateTimeOffset? LastApplied);
