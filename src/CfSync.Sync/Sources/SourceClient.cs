using System.Runtime.CompilerServices;
using CfSync.Core.Sources;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Entities;
using Microsoft.DurableTask.Entities;

namespace CfSync.Sync.Sources;

/// <summary>A source the engine tracks (not deleted), with the incarnation and revision it last applied: what the orphan sweep checks.</summary>
public sealed record TrackedSource(Source Source, string? Uid, string? ResourceVersion);

/// <summary>
/// The only way a producer's result enters the engine: a signal to the source's entity (name
/// <see cref="EntityName"/>, key <see cref="Source.Key"/>), which works out what changed for each Cloudflare resource.
/// </summary>
public sealed class SourceClient(DurableTaskClient client)
{
    /// <summary>Entity names are lower-case in the SDK; DTFx looks them up case-sensitively.</summary>
    public const string EntityName = "kubernetessource";

    public static EntityInstanceId EntityOf(Source source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new(EntityName, source.Key);
    }

    public Task ApplyAsync(SourceTranslation translation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(translation);
        return client.Entities.SignalEntityAsync(EntityOf(translation.Source), nameof(KubernetesSourceEntity.Apply), translation, cancellation: cancellationToken);
    }

    public Task DeleteAsync(SourceDeletion deletion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deletion);
        return client.Entities.SignalEntityAsync(EntityOf(deletion.Source), nameof(KubernetesSourceEntity.Delete), deletion, cancellation: cancellationToken);
    }

    /// <summary>The source's state, or null when nothing was ever delivered for it (or it was forgotten).</summary>
    public async Task<SourceState?> GetStateAsync(Source source, CancellationToken cancellationToken = default)
    {
        var entity = await client.Entities.GetEntityAsync<SourceState>(EntityOf(source), includeState: true, cancellationToken).ConfigureAwait(false);
        return entity?.State;
    }

    /// <summary>Every tracked source that is not deleted, page by page (the backend's entity query on <see cref="EntityName"/>).</summary>
    public async IAsyncEnumerable<TrackedSource> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = new EntityQuery { InstanceIdStartsWith = $"@{EntityName}@", IncludeState = true };
        await foreach (var entity in client.Entities.GetAllEntitiesAsync<SourceState>(query).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            // A state that never applied a delivery (made by a bare Get) tracks nothing.
            if (entity.State is { Deleted: false, ResourceVersion: not null } state)
            {
                yield return new TrackedSource(state.Source ?? Source.Parse(entity.Id.Key), state.Uid, state.ResourceVersion);
            }
        }
    }
}
