using CfSync.Core.Sources;
using CfSync.Core.Text;
using CfSync.Translation;
using CfSync.Translation.Manifests;

namespace CfSync.Cli.Rendering;

/// <summary>
/// The tunnel ids given with <c>--tunnel-id &lt;source key&gt;=&lt;uuid&gt;</c> and <c>--tunnel-ids &lt;file&gt;</c> (one
/// such pair a line; blank lines and lines starting with <c>#</c> are skipped). Each key names a Tunnel
/// (<c>Tunnel/&lt;ns&gt;/&lt;name&gt;</c>) or ClusterTunnel (<c>ClusterTunnel/&lt;name&gt;</c>) of the manifests that has no id
/// yet; anything else is a usage error, so a typo never leaves a tunnel pending unnoticed.
/// </summary>
internal static class SuppliedTunnelIds
{
    /// <summary>The ids by source key, or the problems (each naming the pair and where it was written).</summary>
    public static IReadOnlyDictionary<string, string> Read(RenderArguments arguments, List<string> problems)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in arguments.TunnelIds)
        {
            Add(pair, "--tunnel-id", ids, problems);
        }

        foreach (var file in arguments.TunnelIdFiles)
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"--tunnel-ids {file}: cannot be read ({e.Message})");
                continue;
            }

            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.Length > 0 && !line.StartsWith('#'))
                {
                    Add(line, $"{file}:{i + 1}", ids, problems);
                }
            }
        }

        return ids;
    }

    /// <summary>Problems with ids for tunnels the manifests do not hold, or that already have an id.</summary>
    public static IEnumerable<string> Check(IReadOnlyDictionary<string, string> ids, IClusterView cluster)
    {
        foreach (var key in ids.Keys.Order(StringComparer.Ordinal))
        {
            var source = Source.Parse(key);
            var kind = source.Namespace is null ? Kinds.ClusterTunnel : Kinds.Tunnel;
            if (cluster.Find(kind, source.Namespace, source.Name) is not { } tunnel)
            {
                yield return $"--tunnel-id {key}: the manifests hold no such {kind.Kind}";
            }
            else if (tunnel["spec"]?["existingTunnel"]?["id"] is not null || tunnel["status"]?["tunnelId"] is not null)
            {
                yield return $"--tunnel-id {key}: the {kind.Kind} already has an id (spec.existingTunnel.id or status.tunnelId)";
            }
        }
    }

    private static void Add(string pair, string where, Dictionary<string, string> ids, List<string> problems)
    {
        var equals = pair.LastIndexOf('=');
        var key = equals < 0 ? pair : pair[..equals];
        var value = equals < 0 ? "" : pair[(equals + 1)..];
        if (KeyError(key) is { } keyError)
        {
            problems.Add($"{where} '{Quote.Of(pair)}': {keyError}");
        }
        else if (!Guid.TryParseExact(value, "D", out var id))
        {
            problems.Add($"{where} '{Quote.Of(pair)}': the id must be a UUID such as 2b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
        }
        else if (ids.TryGetValue(key, out var earlier) && earlier != id.ToString("D"))
        {
            problems.Add($"{where} '{Quote.Of(pair)}': {key} is given two ids ({earlier} and {id:D})");
        }
        else
        {
            ids[key] = id.ToString("D");
        }
    }

    private static string? KeyError(string key)
    {
        const string Expected = "the key must be Tunnel/<namespace>/<name> or ClusterTunnel/<name>";
        try
        {
            var source = Source.Parse(key);
            return (source.Kind, source.Namespace) is ("Tunnel", not null) or ("ClusterTunnel", null) ? null : Expected;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return $"{Expected} ({e.Message})";
        }
    }
}
