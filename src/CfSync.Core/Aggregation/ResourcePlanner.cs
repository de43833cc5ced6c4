using CfSync.Core.Fragments;
using CfSync.Core.Resources;
using CfSync.Core.Sources;

namespace CfSync.Core.Aggregation;

/// <summary>
/// One source of a resource as a producer left it: its contribution (null when it has none), where it says the
/// resource lives, why the producer rejected it (all or part of it) and what it warned about.
/// </summary>
public sealed record PlannedSource(Source Source, SourceFragment? Contribution, ResourceScope Scope)
{
    public IReadOnlyList<string> Errors { get; init; } = [];

    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>What a resource comes to: where it lives, its aggregate (body and hash), and every source's outcome in key order.</summary>
public sealed record ResourcePlan(ResourceScope Scope, AggregateResult Aggregate, IReadOnlyList<SourceOutcome> Sources);

/// <summary>
/// The one computation from sources to a resource's plan, shared by the sync engine's entity and <c>cfsync render</c>,
/// so what a pull request's render shows is what the engine applies.
/// </summary>
public static class ResourcePlanner
{
    public static ResourcePlan Plan(ResourceType type, IReadOnlyList<PlannedSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var live = sources.Where(s => s.Contribution is not null).ToList();
        var aggregate = Aggregators.For(type).Aggregate(live.Select(s => s.Contribution!).ToList());
        var aggregated = aggregate.Sources.ToDictionary(o => o.Source.Key, StringComparer.Ordinal);
        var outcomes = sources
            .GroupBy(s => s.Source.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Outcome(g.ToList(), aggregated.GetValueOrDefault(g.Key)))
            .ToList();
        return new ResourcePlan(ScopeOf(live, sources), aggregate, outcomes);
    }

    // The producer's rejection is worse than anything the aggregate found: Rejected, then Conflict, then Accepted.
    private static SourceOutcome Outcome(List<PlannedSource> inputs, SourceOutcome? aggregated)
    {
        var source = inputs[0].Source;
        var errors = inputs.SelectMany(i => i.Errors).ToList();
        var status = errors.Count > 0 ? SourceStatus.Rejected : aggregated?.Status ?? SourceStatus.Accepted;
        var reasons = errors.Concat(aggregated?.Reasons ?? []).ToArray();
        return new SourceOutcome(source, status, reasons) { Warnings = inputs.SelectMany(i => i.Warnings).ToArray() };
    }

    // Live sources decide in conflict order; sources without a contribution still know where the resource lives.
    private static ResourceScope ScopeOf(List<PlannedSource> live, IReadOnlyList<PlannedSource> all)
    {
        var chosen = ScopeChoice.Choose(live.Select(s => (s.Contribution!, s.Scope)));
        var fallback = all.Where(s => s.Contribution is null).OrderBy(s => s.Source.Key, StringComparer.Ordinal).Select(s => s.Scope).ToList();
        return new ResourceScope(
            chosen.AccountId ?? fallback.Select(s => s.AccountId).FirstOrDefault(a => a is not null),
            chosen.ZoneId ?? fallback.Select(s => s.ZoneId).FirstOrDefault(z => z is not null));
    }
}
