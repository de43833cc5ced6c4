using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace CfSync.Comparison.Benchmarks.Baseline;

/// <summary>
/// What every seed rule controller does per event: GET the tunnel's configuration, replace the rules of the object's
/// hostnames (and of those it had before, so a changed host's old rule goes too: the seed kept them in status), PUT it
/// back with the settings of the controller's cached view. No version check, no lock: the lost update of the race.
/// </summary>
internal sealed class RuleWriter(TunnelConfigurationApi cloudflare)
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> written = new(StringComparer.Ordinal);

    /// <summary>Writes <paramref name="rules"/> (each with its hostname; none when the object is gone) as the object <paramref name="key"/>'s; a 429's retry-after, or null.</summary>
    public async Task<TimeSpan?> WriteAsync(TunnelView tunnel, string key, IReadOnlyList<JsonObject> rules, CancellationToken cancellationToken)
    {
        var (config, retryAfter) = await cloudflare.GetAsync(tunnel, cancellationToken).ConfigureAwait(false);
        if (config is null)
        {
            return retryAfter;
        }

        var hosts = rules.Select(r => (string)r["hostname"]!).ToList();
        var owned = hosts.Concat(written.GetValueOrDefault(key) ?? []).ToHashSet(StringComparer.Ordinal);
        var retry = await cloudflare.PutAsync(tunnel, tunnel.Apply(config, owned, rules), cancellationToken).ConfigureAwait(false);
        if (retry is null)
        {
            written[key] = hosts;
        }

        return retry;
    }
}
