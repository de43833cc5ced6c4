using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using CoreTaskEntity = DurableTask.Core.Entities.TaskEntity;

namespace CfSync.Hosting.Dtfx;

// Orchestrations and activities run through the SDK's shims; entities through EntityBatchRunner (one state write per batch).
// DTFx looks work up by (name, version). Everything this host schedules uses the empty version, like the SDK.

/// <summary>Creates a shimmed orchestrator per episode; orchestrators are resolved from the root provider.</summary>
sealed class OrchestrationCreator : ObjectCreator<TaskOrchestration>
{
    readonly TaskRegistration registration;
    readonly IServiceProvider services;
    readonly DurableTaskShimFactory shims;

    public OrchestrationCreator(TaskRegistration registration, IServiceProvider services, DurableTaskShimFactory shims)
    {
        (this.registration, this.services, this.shims) = (registration, services, shims);
        this.Name = registration.Name;
        this.Version = string.Empty;
    }

    public override TaskOrchestration Create()
    {
        var orchestrator = (ITaskOrchestrator)ActivatorUtilities.CreateInstance(this.services, this.registration.Type);

        // The parent instance is only surfaced as context.Parent; DTFx does not hand it to the object creator.
        return this.shims.CreateOrchestration(new TaskName(this.registration.Name), orchestrator, parent: null);
    }
}

sealed class ActivityCreator : ObjectCreator<TaskActivity>
{
    readonly TaskRegistration registration;
    readonly IServiceProvider services;
    readonly DurableTaskShimFactory shims;

    public ActivityCreator(TaskRegistration registration, IServiceProvider services, DurableTaskShimFactory shims)
    {
        (this.registration, this.services, this.shims) = (registration, services, shims);
        this.Name = registration.Name;
        this.Version = string.Empty;
    }

    public override TaskActivity Create() => new ScopedActivity(this.registration, this.services, this.shims);
}

sealed class EntityCreator : ObjectCreator<CoreTaskEntity>
{
    readonly TaskRegistration registration;
    readonly IServiceProvider services;
    readonly DataConverter converter;
    readonly ILogger logger;

    public EntityCreator(TaskRegistration registration, IServiceProvider services, DataConverter converter, ILogger logger)
    {
        (this.registration, this.services, this.converter, this.logger) = (registration, services, converter, logger);
        this.Name = registration.Name;
        this.Version = string.Empty;
    }

    public override CoreTaskEntity Create() => new EntityBatchAdapter(this.registration, this.services, this.converter, this.logger);
}
