using CfSync.Core.Fragments;
using CfSync.Core.Resources;

namespace CfSync.Core.Aggregation;

/// <summary>Turns every fragment registered for one resource into what Cloudflare should hold.</summary>
public interface IResourceAggregator
{
    ResourceType ResourceType { get; }

    /// <summary>Deterministic: the same set of fragments gives the same result in any order.</summary>
    AggregateResult Aggregate(IReadOnlyCollection<SourceFragment> fragments);
}
