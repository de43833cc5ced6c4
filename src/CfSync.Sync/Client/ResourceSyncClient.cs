using CfSync.Core.Resources;
using CfSync.Sync.Entities;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Entities;

namespace CfSync.Sync.Client;

/// <summary>
/// What the HTTP endpoints ask of a resource entity over any <see cref="DurableTaskClient"/> (the Functions host's or
/// the local host's): its state, and a sync trigger (a signal, so callers never wait on Cloudflare). Registrations reach
/// it only from a source entity (<see cref="Sources.SourceClient"/>), the one producer path.
/// </summary>
public sealed class ResourceSyncClient(DurableTaskClient client)
{
    public static EntityInstanceId EntityOf(ResourceIdentity resource) =>
        new(ResourceEntityKey.EntityName, ResourceEntityKey.Format(resource));

    public Task TriggerSyncAsync(ResourceIdentity resource, bool force = false, CancellationToken cancellationToken = default) =>
        client.Entities.SignalEntityAsync(EntityOf(resource), nameof(CloudflareResourceEntity.TriggerSync), new SyncTrigger(force), cancellation: cancellationToken);

    /// <summary>The entity's state, or null when no source ever registered for the resource.</summary>
    public async Task<ResourceSyncState?> GetStateAsync(ResourceIdentity resource, CancellationToken cancellationToken = default)
    {
        var entity = await client.Entities.GetEntityAsync<ResourceSyncState>(EntityOf(resource), includeState: true, cancellationToken).ConfigureAwait(false);
        return entity?.State;
    }
}
