using CfSync.Core.Resources;
using CfSync.Sync.Entities;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Entities;

namespace CfSync.Sync.Client;

/// <summary>
/// The seed's API over any <see cref="DurableTaskClient"/> (the Functions host's or the local host's): every call is a
/// signal to the resource's entity, so producers never wait on Cloudflare.
/// </summary>
public sealed class ResourceSyncClient(DurableTaskClient client)
{
    public static EntityInstanceId EntityOf(ResourceIdentity resource) =>
        new(ResourceEntityKey.EntityName, ResourceEntityKey.Format(resource));

    public Task RegisterConfigAsync(ResourceIdentity resource, SourceRegistration registration, CancellationToken cancellationToken = default) =>
        Signal(resource, nameof(CloudflareResourceEntity.RegisterConfig), registration, cancellationToken);

    /// <summary>Several sources of one resource in one signal (a producer with a batch of objects sends fewer messages).</summary>
    public Task RegisterConfigsAsync(ResourceIdentity resource, IReadOnlyList<SourceRegistration> registrations, CancellationToken cancellationToken = default) =>
        Signal(resource, nameof(CloudflareResourceEntity.RegisterConfigs), registrations, cancellationToken);

    public Task RejectConfigAsync(ResourceIdentity resource, SourceRejection rejection, CancellationToken cancellationToken = default) =>
        Signal(resource, nameof(CloudflareResourceEntity.RejectConfig), rejection, cancellationToken);

    public Task UnregisterConfigAsync(ResourceIdentity resource, SourceRemoval removal, CancellationToken cancellationToken = default) =>
        Signal(resource, nameof(CloudflareResourceEntity.UnregisterConfig), removal, cancellationToken);

    public Task RegisterIngressRulesAsync(string tunnelId, IngressRulesRegistration registration, CancellationToken cancellationToken = default) =>
        Signal(Tunnel(tunnelId), nameof(CloudflareResourceEntity.RegisterIngressRules), registration, cancellationToken);

    public Task UnregisterIngressRulesAsync(string tunnelId, SourceRemoval removal, CancellationToken cancellationToken = default) =>
        Signal(Tunnel(tunnelId), nameof(CloudflareResourceEntity.UnregisterIngressRules), removal, cancellationToken);

    public Task SetWarpRoutingAsync(string tunnelId, WarpRoutingUpdate update, CancellationToken cancellationToken = default) =>
        Signal(Tunnel(tunnelId), nameof(CloudflareResourceEntity.SetWarpRouting), update, cancellationToken);

    public Task SetFallbackTargetAsync(string tunnelId, FallbackTargetUpdate update, CancellationToken cancellationToken = default) =>
        Signal(Tunnel(tunnelId), nameof(CloudflareResourceEntity.SetFallbackTarget), update, cancellationToken);

    public Task TriggerSyncAsync(ResourceIdentity resource, bool force = false, CancellationToken cancellationToken = default) =>
        Signal(resource, nameof(CloudflareResourceEntity.TriggerSync), new SyncTrigger(force), cancellationToken);

    /// <summary>The entity's state, or null when no source ever registered for the resource.</summary>
    public async Task<ResourceSyncState?> GetStateAsync(ResourceIdentity resource, CancellationToken cancellationToken = default)
    {
        var entity = await client.Entities.GetEntityAsync<ResourceSyncState>(EntityOf(resource), includeState: true, cancellationToken).ConfigureAwait(false);
        return entity?.State;
    }

    private static ResourceIdentity Tunnel(string tunnelId) => new(ResourceType.TunnelConfiguration, tunnelId);

    private Task Signal(ResourceIdentity resource, string operation, object input, CancellationToken cancellationToken) =>
        client.Entities.SignalEntityAsync(EntityOf(resource), operation, input, cancellation: cancellationToken);
}
