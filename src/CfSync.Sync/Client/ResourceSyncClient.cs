using CfSync.Core.Resources;
using CfSync.Sync.Entities;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Entities;

namespace CfSync.Sync.Client;

/// <summary>
/// A resource entity's operations over any <see cref="DurableTaskClient"/> (the Functions host's or the local host's):
/// every call is a signal, so callers never wait on Cloudflare. Producers go through <see cref="Sources.SourceClient"/>,
/// whose entity sends the registrations.
/// </summary>
public sealed class ResourceSyncClient(DurableTaskClient client)
{
    public static EntityInstanceId EntityOf(ResourceIdentity resource) =>
        new(ResourceEntityKey.EntityName, ResourceEntityKey.Format(resource));

    public Task RegisterConfigAsync(ResourceIdentity resource, SourceRegistration registration, CancellationToken cancellationToken = default) =>
        Signal(resource, nameof(CloudflareResourceEntity.RegisterConfig), registration, cancellationToken);

    public Task RejectConfigAsync(ResourceIdentity resource, SourceRejection rejection, CancellationToken cancellationToken = default) =>
        Signal(resource, nameof(CloudflareResourceEntity.RejectConfig), rejection, cancellationToken);

    public Task UnregisterConfigAsync(ResourceIdentity resource, SourceRemoval removal, CancellationToken cancellationToken = default) =>
        Signal(resource, nameof(CloudflareResourceEntity.UnregisterConfig), removal, cancellationToken);

    public Task TriggerSyncAsync(ResourceIdentity resource, bool force = false, CancellationToken cancellationToken = default) =>
        Signal(resource, nameof(CloudflareResourceEntity.TriggerSync), new SyncTrigger(force), cancellationToken);

    /// <summary>The entity's state, or null when no source ever registered for the resource.</summary>
    public async Task<ResourceSyncState?> GetStateAsync(ResourceIdentity resource, CancellationToken cancellationToken = default)
    {
        var entity = await client.Entities.GetEntityAsync<ResourceSyncState>(EntityOf(resource), includeState: true, cancellationToken).ConfigureAwait(false);
        return entity?.State;
    }

    private Task Signal(ResourceIdentity resource, string operation, object input, CancellationToken cancellationToken) =>
        client.Entities.SignalEntityAsync(EntityOf(resource), operation, input, cancellation: cancellationToken);
}
