namespace CfSync.Cloudflare.Emulator.Control;

/// <summary>Every API request in arrival order, so tests can assert what was sent and when.</summary>
public sealed class RequestJournal(bool enabled = true)
{
    private readonly object sync = new();
    private readonly List<JournalEntry> entries = [];
    private long sequence;

    public IReadOnlyList<JournalEntry> Snapshot()
    {
        lock (sync)
        {
            return [.. entries];
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
