using System.Net.Http.Json;

namespace CfSync.Cloudflare.Emulator.Control;

/// <summary>Typed client for the emulator's test controls under /__emulator.</summary>
public sealed class EmulatorControlClient(HttpClient http, Uri emulatorRoot)
{
    private readonly string root = emulatorRoot.ToString().TrimEnd('/') + "/__emulator/";

    public async Task InjectFaultAsync(FaultRule rule, CancellationToken cancellationToken = default) =>
        (await http.PostAsJsonAsync(root + "faults", rule, ControlJson.Options, cancellationToken).ConfigureAwait(false)).EnsureSuccessStatusCode();

    public async Task ClearFaultsAsync(CancellationToken cancellationToken = default) =>
        (await http.DeleteAsync(new Uri(root + "faults"), cancellationToken).ConfigureAwait(false)).EnsureSuccessStatusCode();

    public async Task<IReadOnlyList<JournalEntry>> GetJournalAsync(CancellationToken cancellationToken = default) =>
        await GetJournalAsync(after: 0, cancellationToken).ConfigureAwait(false);

    /// <summary>The journal's entries after sequence number <paramref name="after"/>: a poller passes the last one it has.</summary>
    public async Task<IReadOnlyList<JournalEntry>> GetJournalAsync(long after, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<List<JournalEntry>>(new Uri(root + "journal?after=" + after.ToString(System.Globalization.CultureInfo.InvariantCulture)), ControlJson.Options, cancellationToken).ConfigureAwait(false) ?? [];

    public async Task ClearJournalAsync(CancellationToken cancellationToken = default) =>
        (await http.DeleteAsync(new Uri(root + "journal"), cancellationToken).ConfigureAwait(false)).EnsureSuccessStatusCode();

    /// <summary>Forgets all state, faults, journal and rate counters.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default) =>
        (await http.PostAsync(new Uri(root + "reset"), null, cancellationToken).ConfigureAwait(false)).EnsureSuccessStatusCode();

    public async Task<SeedResult> SeedAsync(EmulatorSeed seed, CancellationToken cancellationToken = default)
    {
        var response = await http.PostAsJsonAsync(root + "seed", seed, ControlJson.Options, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SeedResult>(ControlJson.Options, cancellationToken).ConfigureAwait(false))!;
    }
}
