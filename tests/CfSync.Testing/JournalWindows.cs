using CfSync.Cloudflare.Emulator.Control;

namespace CfSync.Testing;

/// <summary>How the calls in an emulator's journal spread over time, against Cloudflare's sliding-window budget.</summary>
public static class JournalWindows
{
    /// <summary>The most requests whose arrival falls within any one <paramref name="window"/>.</summary>
    public static int MostCallsWithin(IReadOnlyList<JournalEntry> journal, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var arrivals = journal.Select(e => e.Timestamp).Order().ToList();
        var most = 0;
        var start = 0;
        for (var end = 0; end < arrivals.Count; end++)
        {
            while (arrivals[end] - arrivals[start] >= window)
            {
                start++;
            }

            most = Math.Max(most, end - start + 1);
        }

        return most;
    }
}
