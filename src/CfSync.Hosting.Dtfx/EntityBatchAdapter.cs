using DurableTask.Core.Entities;
using DurableTask.Core.Entities.OperationFormat;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using CoreTaskEntity = DurableTask.Core.Entities.TaskEntity;

namespace CfSync.Hosting.Dtfx;

/// <summary>
/// DTFx creates entity objects before it knows which instance a batch targets. This adapter reads the id from each
/// batch, builds the SDK entity in its own DI scope and runs the batch through <see cref="EntityBatchRunner"/>.
/// </summary>
sealed class EntityBatchAdapter(TaskRegistration registration, IServiceProvider services, DataConverter converter, ILogger logger) : CoreTaskEntity
{
    public override async Task<EntityBatchResult> ExecuteOperationBatchAsync(EntityBatchRequest operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        EntityId id = EntityId.FromString(operations.InstanceId ?? throw new ArgumentException("The batch has no instance id.", nameof(operations)));
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        var entity = (ITaskEntity)ActivatorUtilities.CreateInstance(scope.ServiceProvider, registration.Type);
        var runner = new EntityBatchRunner(entity, new EntityInstanceId(id.Name, id.Key), converter, logger);
        return await runner.RunAsync(operations).ConfigureAwait(false);
    }
}
