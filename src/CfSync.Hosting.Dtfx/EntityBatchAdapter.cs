using DurableTask.Core.Entities;
using DurableTask.Core.Entities.OperationFormat;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using CoreTaskEntity = DurableTask.Core.Entities.TaskEntity;

namespace CfSync.Hosting.Dtfx;

/// <summary>
/// The SDK entity shim needs the entity id up front, but DTFx creates entity objects before it knows which
/// instance a batch targets. This adapter reads the id from each batch and builds the shim then.
/// </summary>
sealed class EntityBatchAdapter(TaskRegistration registration, IServiceProvider services, DurableTaskShimFactory shims) : CoreTaskEntity
{
    public override async Task<EntityBatchResult> ExecuteOperationBatchAsync(EntityBatchRequest operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        EntityId id = EntityId.FromString(operations.InstanceId ?? throw new ArgumentException("The batch has no instance id.", nameof(operations)));
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        var entity = (ITaskEntity)ActivatorUtilities.CreateInstance(scope.ServiceProvider, registration.Type);
        CoreTaskEntity shim = shims.CreateEntity(new TaskName(registration.Name), entity, id);
        return await shim.ExecuteOperationBatchAsync(operations).ConfigureAwait(false);
    }
}
