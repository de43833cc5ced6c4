using Azure;
using DurableTask.Core;
using Microsoft.Extensions.Logging;

namespace CfSync.Hosting.Dtfx;

/// <summary>
/// Completes a work item whose checkpoint was written but some of whose control-queue messages could no longer be
/// deleted because the queue had handed them out again (held past <c>ControlQueueVisibilityTimeout</c>, as under
/// overload). The provider deletes the messages last, after the history and the outgoing messages are written, and
/// the new copies are already waiting in this worker (or the partition's next owner) to be delivered again, which the
/// engine's entities and orchestrations take as duplicates. Failing the work item instead made the provider abandon
/// and re-run it with even older messages: a hot entity (the account budget) then failed batch after batch.
/// </summary>
sealed class RedeliveredMessageTolerance(IOrchestrationService inner, ILogger logger) : OrchestrationServiceDecorator(inner)
{
    public override async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        try
        {
            await base.CompleteTaskOrchestrationWorkItemAsync(
                workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (IsRedelivered(e))
        {
            Log.MessagesRedelivered(logger, workItem.InstanceId);
        }
    }

    /// <summary>
    /// Only a queue message's delete or update carries a pop receipt, and the completion's only such step is its final
    /// delete; so a pop-receipt mismatch anywhere in the chain means the checkpoint is already written.
    /// </summary>
    static bool IsRedelivered(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is RequestFailedException { ErrorCode: "PopReceiptMismatch" })
            {
                return true;
            }
        }

        return false;
    }
}
