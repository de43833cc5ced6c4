using CfSync.Core.Fragments;
using CfSync.Core.Sources;

namespace CfSync.Core.Aggregation;

/// <summary>Collects each source's outcome while an aggregate is built; the worst status wins.</summary>
internal sealed class Outcomes
{
    private readonly SortedDictionary<string, (Source Source, SourceStatus Status, List<string> Reasons)> bySource =
        new(StringComparer.Ordinal);

    public void Accept(Source source) => Get(source);

    public void Reject(Source source, IEnumerable<FieldError> errors)
    {
        var entry = Get(source);
        entry.Reasons.AddRange(errors.Select(e => $"{source.Key}: {e}"));
        bySource[source.Key] = entry with { Status = SourceStatus.Rejected };
    }

    public void Conflict(SourceFragment loser, SourceFragment winner, string what)
    {
        var entry = Get(loser.Source);
        var against = winner.Source == loser.Source
            ? "an earlier entry of the same source, which is kept"
            : $"{winner.Source.Key}, which wins because {ConflictOrder.Explain(winner, loser)}";
        entry.Reasons.Add($"{loser.Source.Key}: {what} conflicts with {against}");
        if (entry.Status != SourceStatus.Rejected)
        {
            bySource[loser.Source.Key] = entry with { Status = SourceStatus.Conflict };
        }
    }

    /// <summary>
    /// Where one source owns a thing (a 1:1 object, a tunnel's settings): invalid candidates are Rejected, the first
    /// valid one in <see cref="ConflictOrder"/> wins, every other valid one is in Conflict over <paramref name="what"/>.
    /// </summary>
    public SourceFragment? ChooseOwner(IEnumerable<SourceFragment> candidates, Func<SourceFragment, IReadOnlyList<FieldError>> validate, string what)
    {
        SourceFragment? owner = null;
        foreach (var candidate in candidates.Order(ConflictOrder.Instance))
        {
            var errors = validate(candidate);
            if (errors.Count > 0)
            {
                Reject(candidate.Source, errors);
            }
            else if (owner is null)
            {
                owner = candidate;
                Accept(candidate.Source);
            }
            else
            {
                Conflict(candidate, owner, what);
            }
        }

        return owner;
    }

    public IReadOnlyList<SourceOutcome> ToList() =>
        bySource.Values.Select(e => new SourceOutcome(e.Source, e.Status, e.Reasons.ToArray())).ToArray();

    private (Source Source, SourceStatus Status, List<string> Reasons) Get(Source source)
    {
        if (!bySource.TryGetValue(source.Key, out var entry))
        {
            entry = (source, SourceStatus.Accepted, []);
            bySource[source.Key] = entry;
        }

        return entry;
    }
}
