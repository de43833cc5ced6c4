using CfSync.Sync.Activities;
using CfSync.Sync.Entities;
using Microsoft.DurableTask;

namespace CfSync.Sync.Orchestrations;

/// <summary>
/// Writes one outcome into Kubernetes through the status sink and tells the entity whether it worked. One attempt:
/// the entity owns the retry schedule, so a failing sink costs one activity per backoff step and blocks nothing.
/// </summary>
public sealed class MirrorStatusOrchestration : TaskOrchestrator<MirrorRequest, MirrorOutcome>
{
    public override async Task<MirrorOutcome> RunAsync(TaskOrchestrationContext context, MirrorRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        MirrorOutcome outcome;
        try
        {
            await context.CallActivityAsync(nameof(MirrorStatusActivity), input.Report);
            outcome = new MirrorOutcome(context.InstanceId, true, null);
        }
        catch (TaskFailedException failure)
        {
            outcome = new MirrorOutcome(context.InstanceId, false, failure.FailureDetails.ErrorMessage);
        }

        await context.ReportToEntityAsync(input.EntityKey, nameof(CloudflareResourceEntity.MirrorCompleted), outcome);
        return outcome;
    }
}
