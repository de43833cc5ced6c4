namespace CfSync.Cloudflare.Emulator.Control;

/// <summary>Every API request in arrival order, so tests can assert what was sent and when.</summary>
public sealed class RequestJournal(bool enabled = true)
{
    private readonly object sync = new();
    private readonly List<JournalEntry> entries = [];
    private long sequence;

    /// <summary>The entries after sequence number <paramref name="after"/> (0: all), so a poller reads only what is new.</summary>
    public IReadOnlyList<JournalEntry> Snapshot(long after = 0)
    {
        lock (sync)
        {
            // Entries are numbered one by one and Clear drops them all, so the held ones are consecutive.
            var first = entries.Count == 0 ? 0 : (int)Math.Clamp(after - entries[0].Sequence + 1, 0, entries.Count);
            return entries.GetRange(first, entries.Count - first);
        }
    }

    public void Clear()
    {
        lock (sync)
        {
            entries.Clear();
        }
    }

    internal void Add(Func<long, JournalEntry> create)
    {
        if (!enabled)
        {
            return;
        }

        lock (sync)
        {
            entries.Add(create(++sequence));
        }
    }
}
