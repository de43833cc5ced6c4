using DurableTask.Core;

namespace CfSync.Hosting.Dtfx;

/// <summary>
/// Passes the worker's calls through to the real provider until <see cref="Kill"/>; afterwards the worker can no
/// longer lock, complete, renew or abandon anything, as if its process had died: work it held stays locked in
/// storage until the provider's visibility timeouts hand it to another worker.
/// </summary>
sealed class KillableOrchestrationService(IOrchestrationService inner) : OrchestrationServiceDecorator(inner)
{
    volatile bool killed;

    public void Kill() => this.killed = true;

    public override Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        this.killed ? Nothing<TaskOrchestrationWorkItem>(cancellationToken) : base.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

    public override Task<TaskOrchestrationWorkItem> LockNextOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        this.killed ? Nothing<TaskOrchestrationWorkItem>(cancellationToken) : base.LockNextOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

    public override Task<TaskOrchestrationWorkItem> LockNextEntityWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        this.killed ? Nothing<TaskOrchestrationWorkItem>(cancellationToken) : base.LockNextEntityWorkItemAsync(receiveTimeout, cancellationToken);

    public override Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        this.killed ? Nothing<TaskActivityWorkItem>(cancellationToken) : base.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);

    public override Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) =>
        this.ThrowIfKilled() ?? base.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public override Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState) =>
        this.ThrowIfKilled() ?? base.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);

    public override Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) =>
        this.ThrowIfKilled() ?? base.AbandonTaskOrchestrationWorkItemAsync(workItem);

    public override Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) =>
        this.ThrowIfKilled() ?? base.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    public override Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) =>
        this.killed ? Task.FromException<TaskActivityWorkItem>(Killed()) : base.RenewTaskActivityWorkItemLockAsync(workItem);

    public override Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) =>
        this.ThrowIfKilled() ?? base.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);

    public override Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) =>
        this.ThrowIfKilled() ?? base.AbandonTaskActivityWorkItemAsync(workItem);

    Task? ThrowIfKilled() => this.killed ? Task.FromException(Killed()) : null;

    static InvalidOperationException Killed() => new("The worker was stopped abruptly; its storage calls are cut off.");

    // A dead worker fetches nothing; the short delay keeps dispatcher loops that have not noticed the stop from spinning.
    static async Task<T> Nothing<T>(CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        return null!;
    }
}
