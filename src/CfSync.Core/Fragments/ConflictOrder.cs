namespace CfSync.Core.Fragments;

/// <summary>
/// Who wins when two sources claim the same thing. Documented rule, independent of registration order:
/// lower <see cref="SourceFragment.Priority"/> first; then the older source (a source with no creation time
/// counts as newest); then the source key in ordinal order.
/// </summary>
public sealed class ConflictOrder : IComparer<SourceFragment>
{
    public static ConflictOrder Instance { get; } = new();

    private ConflictOrder()
    {
    }

    public int Compare(SourceFragment? x, SourceFragment? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return 1;
        }

        if (y is null)
        {
            return -1;
        }

        var byPriority = x.Priority.CompareTo(y.Priority);
        if (byPriority != 0)
        {
            return byPriority;
        }

        var byAge = (x.CreatedAt, y.CreatedAt) switch
        {
            ({ } a, { } b) => a.CompareTo(b),
            (null, { }) => 1,
            ({ }, null) => -1,
            _ => 0,
        };
        return byAge != 0 ? byAge : string.CompareOrdinal(x.Source.Key, y.Source.Key);
    }

    /// <summary>Says why the winner won, for the loser's reason.</summary>
    public static string Explain(SourceFragment winner, SourceFragment loser)
    {
        ArgumentNullException.ThrowIfNull(winner);
        ArgumentNullException.ThrowIfNull(loser);
        if (winner.Priority != loser.Priority)
        {
            return $"priority {winner.Priority} beats {loser.Priority}";
        }

        if (winner.CreatedAt != loser.CreatedAt)
        {
            return "it is older";
        }

        return "its key sorts first";
    }
}
