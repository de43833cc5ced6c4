namespace CfSync.Bridge.Watching;

/// <summary>Tells waiting watches that a resync happened (a kind the cluster did not serve is tried again then).</summary>
internal sealed class ResyncTicks
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task NextAsync(CancellationToken cancellationToken) => Volatile.Read(ref _next).Task.WaitAsync(cancellationToken);

    public void Tick() => Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
