using CfSync.Cloudflare.Emulator.Control;

namespace CfSync.Comparison.Benchmarks;

/// <summary>
/// The entries of the emulator's journal one reader keeps (a system's calls, say), read incrementally: each read
/// fetches only what came after the last entry seen (<c>?after=</c>), so polling a journal that the baseline fills with
/// whole configurations costs what is new, and two systems' runs can share the emulator at the same time. One reader
/// at a time: each scenario reads its view from one flow.
/// </summary>
internal sealed class JournalView(EmulatorControlClient emulator, Func<JournalEntry, bool> keep)
{
    private readonly List<JournalEntry> kept = [];
    private long last;

    /// <summary>Every entry kept so far, in arrival order, after fetching the new ones.</summary>
    public async Task<IReadOnlyList<JournalEntry>> ReadAsync(CancellationToken cancellationToken)
    {
        var fresh = await emulator.GetJournalAsync(last, cancellationToken).ConfigureAwait(false);
        if (fresh.Count > 0)
        {
            last = fresh[^1].Sequence;
            kept.AddRange(fresh.Where(keep));
        }

        return [.. kept];
    }
}
