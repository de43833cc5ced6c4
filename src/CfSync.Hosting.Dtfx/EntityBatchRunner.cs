using DurableTask.Core;
using DurableTask.Core.Entities.OperationFormat;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Logging;

namespace CfSync.Hosting.Dtfx;

/// <summary>
/// Runs a batch of operations on one entity with the SDK shim's results, actions and transactional operations, but
/// serializes the state once per batch instead of after every operation (the shim's cost is N x the state size).
/// </summary>
/// <remarks>
/// Operations run against one live state object. A failing operation must leave no changes, and without a snapshot
/// taken just before it they cannot be undone in place. So the runner goes back to its last snapshot, drops what was
/// recorded since, and runs from there again, this time snapshotting before the failing operation. Every recorded
/// result and action therefore comes from the run that produced the final state. Each failure costs one re-run from
/// the last snapshot plus one serialization and up to two deserializations; a batch without failures costs one
/// deserialization and one serialization.
/// </remarks>
sealed class EntityBatchRunner(ITaskEntity entity, EntityInstanceId id, DataConverter converter, ILogger logger)
{
    public async Task<EntityBatchResult> RunAsync(EntityBatchRequest batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        List<OperationRequest> requests = batch.Operations ?? [];
        var state = new BatchEntityState(converter, batch.EntityState);
        var context = new BatchEntityContext(id, converter);
        var operation = new BatchEntityOperation(context, state, converter);
        var results = new List<OperationResult>(requests.Count);
        var failing = new HashSet<int>();
        var snapshot = new Snapshot(0, batch.EntityState, 0, 0);
        int next = 0;
        while (next < requests.Count)
        {
            if (failing.Contains(next) && snapshot.Next != next)
            {
                snapshot = new Snapshot(next, state.Serialize(), results.Count, context.Actions.Count);
            }

            OperationRequest request = requests[next];
            int actionsBefore = context.Actions.Count;
            DateTime started = DateTime.UtcNow;
            operation.Begin(request);
            try
            {
                object? result = await entity.RunAsync(operation).ConfigureAwait(false);
                results.Add(new OperationResult { Result = converter.Serialize(result), StartTimeUtc = started, EndTimeUtc = DateTime.UtcNow });
            }
#pragma warning disable CA1031 // Like the shim: an operation's exception is its failed result, and the batch goes on.
            catch (Exception failure)
#pragma warning restore CA1031
            {
                context.Truncate(actionsBefore);
                state.Restore(snapshot.State);
                if (snapshot.Next == next)
                {
                    Log.EntityOperationFailed(logger, failure, id.ToString(), request.Operation ?? "");
                    results.Add(new OperationResult { FailureDetails = new FailureDetails(failure), StartTimeUtc = started, EndTimeUtc = DateTime.UtcNow });
                    snapshot = snapshot with { Next = next + 1, Results = results.Count, Actions = context.Actions.Count };
                }
                else
                {
                    failing.Add(next);
                    results.RemoveRange(snapshot.Results, results.Count - snapshot.Results);
                    context.Truncate(snapshot.Actions);
                    next = snapshot.Next;
                    continue;
                }
            }

            next++;
        }

        return new EntityBatchResult { Results = results, Actions = [.. context.Actions], EntityState = state.Serialize(), FailureDetails = null };
    }

    /// <summary>The state before operation <see cref="Next"/>, and how many results and actions were recorded before it.</summary>
    sealed record Snapshot(int Next, string? State, int Results, int Actions);
}
