using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CoreFailureDetails = DurableTask.Core.FailureDetails;
using CoreStatus = DurableTask.Core.OrchestrationStatus;

namespace CfSync.Hosting.Dtfx;

/// <summary>Translates between DurableTask.Core and SDK status/failure types (same members, different enums).</summary>
static class StatusMapping
{
    // ContinuedAsNew and Canceled are obsolete in the SDK but still stored by DTFx: they must map both ways.
#pragma warning disable CS0618
    public static OrchestrationRuntimeStatus ToSdk(CoreStatus status) => status switch
    {
        CoreStatus.Running => OrchestrationRuntimeStatus.Running,
        CoreStatus.Completed => OrchestrationRuntimeStatus.Completed,
        CoreStatus.ContinuedAsNew => OrchestrationRuntimeStatus.ContinuedAsNew,
        CoreStatus.Failed => OrchestrationRuntimeStatus.Failed,
        CoreStatus.Canceled => OrchestrationRuntimeStatus.Canceled,
        CoreStatus.Terminated => OrchestrationRuntimeStatus.Terminated,
        CoreStatus.Pending => OrchestrationRuntimeStatus.Pending,
        CoreStatus.Suspended => OrchestrationRuntimeStatus.Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown orchestration status."),
    };

    public static CoreStatus ToCore(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Running => CoreStatus.Running,
        OrchestrationRuntimeStatus.Completed => CoreStatus.Completed,
        OrchestrationRuntimeStatus.ContinuedAsNew => CoreStatus.ContinuedAsNew,
        OrchestrationRuntimeStatus.Failed => CoreStatus.Failed,
        OrchestrationRuntimeStatus.Canceled => CoreStatus.Canceled,
        OrchestrationRuntimeStatus.Terminated => CoreStatus.Terminated,
        OrchestrationRuntimeStatus.Pending => CoreStatus.Pending,
        OrchestrationRuntimeStatus.Suspended => CoreStatus.Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown orchestration status."),
    };

#pragma warning restore CS0618

    public static bool IsTerminal(CoreStatus status) =>
        status is CoreStatus.Completed or CoreStatus.Failed or CoreStatus.Terminated or CoreStatus.Canceled;

    public static TaskFailureDetails? ToSdk(CoreFailureDetails? details) => details is null
        ? null
        : new TaskFailureDetails(details.ErrorType, details.ErrorMessage, details.StackTrace, ToSdk(details.InnerFailure), details.Properties);
}
