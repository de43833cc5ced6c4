using CfSync.Sync.Sources;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Entities;

namespace CfSync.Watchers.Watching;

/// <summary>A source entity's key (a source key, parsed by the sweep), with the uid it last took when known (null: not known).</summary>
public sealed record KnownSource(string Key, string? Uid);

/// <summary>The sources the engine knows, for the orphan sweep.</summary>
public interface IKnownSources
{
    IAsyncEnumerable<KnownSource> ListAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Every source entity in the task hub, by key (one entity query, paged by 100). Their uids are not read yet: the sweep
/// then only checks that each object exists; a re-created object is re-translated by the resync's own change.
/// </summary>
public sealed class SourceEntities(DurableTaskClient client) : IKnownSources
{
    public async IAsyncEnumerable<KnownSource> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new EntityQuery { InstanceIdStartsWith = $"@{SourceClient.EntityName}@", IncludeState = false };
        await foreach (var entity in client.Entities.GetAllEntitiesAsync(query).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return new KnownSource(entity.Id.Key, null);
        }
    }
}
