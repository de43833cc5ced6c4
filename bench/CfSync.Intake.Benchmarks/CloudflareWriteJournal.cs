using System.Text.Json;

namespace CfSync.Intake.Benchmarks;

/// <summary>
/// Reads the Cloudflare emulator's journal (GET /__emulator/journal) and remembers, per hostname, when the first
/// successful PUT of a tunnel configuration carrying it arrived. The journal only grows, so each read looks only at
/// entries past the last sequence seen.
/// </summary>
internal sealed class CloudflareWriteJournal(HttpClient http, Uri emulator)
{
    private readonly Uri journal = new(emulator, "__emulator/journal");
    private readonly Dictionary<string, DateTimeOffset> firstWrite = new(StringComparer.Ordinal);
    private long lastSequence;

    public int ConfigurationPuts { get; private set; }

    public DateTimeOffset? FirstWriteOf(string hostname) => firstWrite.TryGetValue(hostname, out var at) ? at : null;

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(journal, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var entries = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            var newest = lastSequence;
            foreach (var entry in entries.RootElement.EnumerateArray())
            {
                var sequence = entry.GetProperty("sequence").GetInt64();
                if (sequence <= lastSequence)
                {
                    continue;
                }

                newest = Math.Max(newest, sequence);
                if (IsConfigurationWrite(entry) && entry.GetProperty("request_body").GetString() is { } body)
                {
                    ConfigurationPuts++;
                    Record(body, entry.GetProperty("timestamp").GetDateTimeOffset());
                }
            }

            lastSequence = newest;
        }
    }

    private static bool IsConfigurationWrite(JsonElement entry) =>
        entry.GetProperty("method").GetString() == "PUT"
        && entry.GetProperty("status") is { ValueKind: JsonValueKind.Number } status && status.GetInt32() == 200
        && entry.GetProperty("path").GetString() is { } path && path.EndsWith("/configurations", StringComparison.Ordinal);

    private void Record(string body, DateTimeOffset arrived)
    {
        using var configuration = JsonDocument.Parse(body);
        foreach (var rule in configuration.RootElement.GetProperty("config").GetProperty("ingress").EnumerateArray())
        {
            if (rule.TryGetProperty("hostname", out var hostname) && hostname.GetString() is { } name
                && (!firstWrite.TryGetValue(name, out var known) || arrived < known))
            {
                firstWrite[name] = arrived;
            }
        }
    }
}
