using CfSync.Core.Aggregation;
using CfSync.Core.Fragments;
using CfSync.Core.Hashing;
using CfSync.Core.Resources;

namespace CfSync.Core.Objects;

/// <summary>
/// For 1:1 resources: one valid source owns the object. Invalid fragments are Rejected; when several valid
/// sources claim the same object, <see cref="ConflictOrder"/> picks the owner and the rest are in Conflict.
/// </summary>
public sealed class SingleObjectAggregator(ResourceType resourceType, IObjectShape shape) : IResourceAggregator
{
    public ResourceType ResourceType { get; } = resourceType;

    public AggregateResult Aggregate(IReadOnlyCollection<SourceFragment> fragments)
    {
        ArgumentNullException.ThrowIfNull(fragments);
        var outcomes = new Outcomes();
        var mine = new List<SourceFragment>();
        foreach (var candidate in fragments)
        {
            if (candidate.Fragment is ObjectFragment fragment && fragment.Type == ResourceType)
            {
                mine.Add(candidate);
            }
            else
            {
                outcomes.Reject(candidate.Source, [new FieldError("kind", $"a {candidate.Fragment.ResourceType} fragment cannot be part of a {ResourceType}")]);
            }
        }

        var owner = outcomes.ChooseOwner(mine, candidate => shape.Validate(((ObjectFragment)candidate.Fragment).Desired).ToList(), $"the {ResourceType}");
        if (owner is null)
        {
            return new AggregateResult(null, null, outcomes.ToList());
        }

        var body = CanonicalJson.ToUtf8(((ObjectFragment)owner.Fragment).Desired);
        return new AggregateResult(new DesiredBody(System.Text.Encoding.UTF8.GetString(body)), ConfigHash.Of(body), outcomes.ToList());
    }
}
