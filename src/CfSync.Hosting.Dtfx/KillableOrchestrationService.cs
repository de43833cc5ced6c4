using DurableTask.Core;
using DurableTask.Core.Entities;

namespace CfSync.Hosting.Dtfx;

/// <summary>
/// Passes the worker's calls through to the real provider until <see cref="Kill"/>; afterwards the worker can no
/// longer lock, complete, renew or abandon anything, as if its process had died: work it held stays locked in
/// storage until the provider's visibility timeouts hand it to another worker.
/// </summary>
sealed class KillableOrchestrationService(IOrchestrationService inner) : IOrchestrationService, IEntityOrchestrationService
{
    volatile bool killed;

    IEntityOrchestrationService Entities => (IEntityOrchestrationService)inner;

    public void Kill() => this.killed = true;

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    public EntityBackendProperties? EntityBackendProperties => this.Entities.EntityBackendProperties;

    public EntityBackendQueries? EntityBackendQueries => this.Entities.EntityBackendQueries;

    public Task StartAsync() => inner.StartAsync();

    public Task StopAsync() => inner.StopAsync();

    public Task StopAsync(bool isForced) => inner.StopAsync(isForced);

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        this.killed ? Nothing<TaskOrchestrationWorkItem>(cancellationToken) : inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

    public Task<TaskOrchestrationWorkItem> LockNextOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        this.killed ? Nothing<TaskOrchestrationWorkItem>(cancellationToken) : this.Entities.LockNextOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

    public Task<TaskOrchestrationWorkItem> LockNextEntityWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        this.killed ? Nothing<TaskOrchestrationWorkItem>(cancellationToken) : this.Entities.LockNextEntityWorkItemAsync(receiveTimeout, cancellationToken);

    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        this.killed ? Nothing<TaskActivityWorkItem>(cancellationToken) : inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) =>
        this.ThrowIfKilled() ?? inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState) =>
        this.ThrowIfKilled() ?? inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) =>
        this.ThrowIfKilled() ?? inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) =>
        this.ThrowIfKilled() ?? inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) =>
        this.killed ? Task.FromException<TaskActivityWorkItem>(Killed()) : inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) =>
        this.ThrowIfKilled() ?? inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);

    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) =>
        this.ThrowIfKilled() ?? inner.AbandonTaskActivityWorkItemAsync(workItem);

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
