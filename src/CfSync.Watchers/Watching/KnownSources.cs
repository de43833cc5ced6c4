using CfSync.Sync.Sources;

namespace CfSync.Watchers.Watching;

/// <summary>The sources the engine tracks, with the uid each last applied: what the orphan sweep checks.</summary>
public interface IKnownSources
{
    IAsyncEnumerable<TrackedSource> ListAsync(CancellationToken cancellationToken);
}

/// <summary>Every source entity in the task hub that is not deleted (<see cref="SourceClient.ListAsync"/>: one entity query, paged).</summary>
public sealed class SourceEntities(SourceClient client) : IKnownSources
{
    public IAsyncEnumerable<TrackedSource> ListAsync(CancellationToken cancellationToken) => client.ListAsync(cancellationToken);
}
