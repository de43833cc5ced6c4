using DurableTask.Core;
using DurableTask.Core.Entities;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Entities;
using Microsoft.DurableTask.Entities;
using CoreMetadata = DurableTask.Core.Entities.EntityBackendQueries.EntityMetadata;

namespace CfSync.Hosting.Dtfx;

/// <summary>Entity side of <see cref="DtfxDurableTaskClient"/>: signals via ClientEntityHelpers, reads via the backend's entity queries.</summary>
public sealed class DtfxDurableEntityClient : DurableEntityClient
{
    readonly IOrchestrationServiceClient service;
    readonly EntityBackendQueries queries;
    readonly TimeSpan maxSignalDelay;
    readonly DataConverter converter;

    internal DtfxDurableEntityClient(string name, IOrchestrationServiceClient service, EntityBackendQueries queries, TimeSpan maxSignalDelay, DataConverter converter)
        : base(name) =>
        (this.service, this.queries, this.maxSignalDelay, this.converter) = (service, queries, maxSignalDelay, converter);

    public override async Task SignalEntityAsync(
        EntityInstanceId id, string operationName, object? input = null, SignalEntityOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id.Name);
        ArgumentNullException.ThrowIfNull(id.Key);
        ArgumentException.ThrowIfNullOrEmpty(operationName);
        cancellation.ThrowIfCancellationRequested();

        // Signals further out than the backend's maximum delay are delivered early and re-scheduled by the entity.
        (DateTime Original, DateTime Capped)? scheduled = EntityMessageEvent.GetCappedScheduledTime(
            DateTime.UtcNow, this.maxSignalDelay, options?.SignalTime?.UtcDateTime);
        EntityMessageEvent message = ClientEntityHelpers.EmitOperationSignal(
            new OrchestrationInstance { InstanceId = id.ToString() }, Guid.NewGuid(), operationName, this.converter.Serialize(input), scheduled);
        await this.service.SendTaskOrchestrationMessageAsync(message.AsTaskMessage()).ConfigureAwait(false);
    }

    public override async Task<EntityMetadata?> GetEntityAsync(EntityInstanceId id, bool includeState = true, CancellationToken cancellation = default)
    {
        CoreMetadata? found = await this.ReadAsync(id, includeState, cancellation).ConfigureAwait(false);
        return found is { } metadata ? this.ToRaw(metadata) : null;
    }

    public override async Task<EntityMetadata<T>?> GetEntityAsync<T>(EntityInstanceId id, bool includeState = true, CancellationToken cancellation = default)
    {
        CoreMetadata? found = await this.ReadAsync(id, includeState, cancellation).ConfigureAwait(false);
        return found is { } metadata ? this.ToTyped<T>(metadata) : null;
    }

    public override AsyncPageable<EntityMetadata> GetAllEntitiesAsync(EntityQuery? filter = null) => this.Query(filter, this.ToRaw);

    public override AsyncPageable<EntityMetadata<T>> GetAllEntitiesAsync<T>(EntityQuery? filter = null) => this.Query(filter, this.ToTyped<T>);

    public override async Task<CleanEntityStorageResult> CleanEntityStorageAsync(
        CleanEntityStorageRequest? request = null, bool continueUntilComplete = true, CancellationToken cancellation = default)
    {
        CleanEntityStorageRequest r = request ?? CleanEntityStorageRequest.Default;
        int removed = 0, released = 0;
        string? continuation = r.ContinuationToken;
        do
        {
            EntityBackendQueries.CleanEntityStorageResult page = await this.queries.CleanEntityStorageAsync(
                new EntityBackendQueries.CleanEntityStorageRequest
                {
                    RemoveEmptyEntities = r.RemoveEmptyEntities,
                    ReleaseOrphanedLocks = r.ReleaseOrphanedLocks,
                    ContinuationToken = continuation,
                },
                cancellation).ConfigureAwait(false);
            removed += page.EmptyEntitiesRemoved;
            released += page.OrphanedLocksReleased;
            continuation = page.ContinuationToken;
        }
        while (continueUntilComplete && continuation is not null);

        return new CleanEntityStorageResult { EmptyEntitiesRemoved = removed, OrphanedLocksReleased = released, ContinuationToken = continuation };
    }

    Task<CoreMetadata?> ReadAsync(EntityInstanceId id, bool includeState, CancellationToken cancellation) =>
        StateReadRetry.RunAsync(() => this.queries.GetEntityAsync(ToCore(id), includeState, includeStateless: false, cancellation), StateReadRetry.Pause, cancellation);

    AsyncPageable<TMetadata> Query<TMetadata>(EntityQuery? filter, Func<CoreMetadata, TMetadata> convert)
        where TMetadata : notnull =>
        Pageable.Create(async (continuation, pageSize, cancellation) =>
        {
            EntityBackendQueries.EntityQueryResult result = await this.queries.QueryEntitiesAsync(
                new EntityBackendQueries.EntityQuery
                {
                    InstanceIdStartsWith = filter?.InstanceIdStartsWith,
                    LastModifiedFrom = filter?.LastModifiedFrom?.UtcDateTime,
                    LastModifiedTo = filter?.LastModifiedTo?.UtcDateTime,
                    IncludeState = filter?.IncludeState ?? true,
                    IncludeTransient = filter?.IncludeTransient ?? false,
                    PageSize = pageSize ?? filter?.PageSize,
                    ContinuationToken = continuation ?? filter?.ContinuationToken,
                },
                cancellation).ConfigureAwait(false);
            return new Page<TMetadata>([.. result.Results.Select(convert)], result.ContinuationToken);
        });

    EntityMetadata ToRaw(CoreMetadata metadata) =>
        new(FromCore(metadata.EntityId), metadata.SerializedState is null ? null : new SerializedData(metadata.SerializedState, this.converter))
        {
            LastModifiedTime = metadata.LastModifiedTime,
            BacklogQueueSize = metadata.BacklogQueueSize,
            LockedBy = metadata.LockedBy,
        };

    EntityMetadata<T> ToTyped<T>(CoreMetadata metadata) =>
        new(FromCore(metadata.EntityId), metadata.SerializedState is null ? default! : this.converter.Deserialize<T>(metadata.SerializedState))
        {
            LastModifiedTime = metadata.LastModifiedTime,
            BacklogQueueSize = metadata.BacklogQueueSize,
            LockedBy = metadata.LockedBy,
        };

    static EntityId ToCore(EntityInstanceId id) => new(id.Name, id.Key);

    static EntityInstanceId FromCore(EntityId id) => new(id.Name, id.Key);
}
