using CfSync.Core.Resources;
using CfSync.Sync.Client;
using CfSync.Sync.Entities;
using Microsoft.DurableTask.Client;

namespace CfSync.Testing;

/// <summary>
/// Signals a resource entity's registration operations straight from a client, past the source entity: the engine's
/// integration tests and benchmarks drive one resource entity this way. Production has no such path; producers go
/// through <see cref="CfSync.Sync.Sources.SourceClient"/>.
/// </summary>
public static class ResourceEntitySignals
{
    public static Task RegisterConfigAsync(this DurableTaskClient client, ResourceIdentity resource, SourceRegistration registration, CancellationToken cancellationToken = default) =>
        Signal(client, resource, nameof(CloudflareResourceEntity.RegisterConfig), registration, cancellationToken);

    public static Task RegisterConfigsAsync(this DurableTaskClient client, ResourceIdentity resource, IReadOnlyList<SourceRegistration> registrations, CancellationToken cancellationToken = default) =>
        Signal(client, resource, nameof(CloudflareResourceEntity.RegisterConfigs), registrations, cancellationToken);

    public static Task UnregisterConfigAsync(this DurableTaskClient client, ResourceIdentity resource, SourceRemoval removal, CancellationToken cancellationToken = default) =>
        Signal(client, resource, nameof(CloudflareResourceEntity.UnregisterConfig), removal, cancellationToken);

    private static Task Signal(DurableTaskClient client, ResourceIdentity resource, string operation, object input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.Entities.SignalEntityAsync(ResourceSyncClient.EntityOf(resource), operation, input, cancellation: cancellationToken);
    }
}
