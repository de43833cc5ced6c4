using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace CfSync.Hosting.Dtfx;

/// <summary>Runs one activity execution in its own DI scope, so activities may take scoped dependencies.</summary>
sealed class ScopedActivity(TaskRegistration registration, IServiceProvider services, DurableTaskShimFactory shims) : TaskActivity
{
    public override string Run(TaskContext context, string input) =>
        throw new NotSupportedException("SDK activities are asynchronous; DTFx calls RunAsync.");

    public override async Task<string> RunAsync(TaskContext context, string input)
    {
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        var activity = (ITaskActivity)ActivatorUtilities.CreateInstance(scope.ServiceProvider, registration.Type);
        return await shims.CreateActivity(new TaskName(registration.Name), activity).RunAsync(context, input).ConfigureAwait(false);
    }
}
