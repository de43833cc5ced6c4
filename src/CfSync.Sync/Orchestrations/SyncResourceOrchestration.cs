using CfSync.Sync.Activities;
using CfSync.Sync.Entities;
using CfSync.Sync.Status;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;

namespace CfSync.Sync.Orchestrations;

/// <summary>
/// Applies one aggregate to Cloudflare with durable retries (timers survive restarts), mirrors the outcome, and
/// reports it to the entity. Transient failures are retried on an exponential, capped schedule; a permanent one
/// (invalid configuration, auth) stops at once: no retry storm.
/// </summary>
public sealed class SyncResourceOrchestration : TaskOrchestrator<SyncRequest, SyncOutcome>
{
    private static readonly TaskOptions MirrorRetry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));

    public override async Task<SyncOutcome> RunAsync(TaskOrchestrationContext context, SyncRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var (result, attempts) = input.Apply ? await ApplyWithRetriesAsync(context, input) : (ApplyResult.Success(), 0);

        var outcome = new SyncOutcome(context.InstanceId, result.Succeeded, input.Apply && result.Succeeded, input.ConfigHash, result.Error, attempts, context.CurrentUtcDateTime);
        var report = new SyncStatusReport(
            input.Resource,
            input.Scope,
            input.DesiredJson,
            input.ConfigHash,
            result.Succeeded ? SyncStatus.Synced : SyncStatus.Failed,
            result.Error,
            attempts,
            outcome.Applied ? outcome.CompletedAt : null,
            input.Sources)
        {
            Contributions = input.Contributions,
        };
        await context.CallActivityAsync(nameof(MirrorStatusActivity), report, MirrorRetry);
        await context.Entities.SignalEntityAsync(
            new EntityInstanceId(ResourceEntityKey.EntityName, input.EntityKey),
            nameof(CloudflareResourceEntity.SyncCompleted),
            outcome);
        return outcome;
    }

    private static async Task<(ApplyResult Result, int Attempts)> ApplyWithRetriesAsync(TaskOrchestrationContext context, SyncRequest input)
    {
        var request = new ApplyRequest(input.Resource, input.Scope, input.DesiredJson!, input.ConfigHash);
        for (var attempt = 1; ; attempt++)
        {
            ApplyResult result;
            try
            {
                result = await context.CallActivityAsync<ApplyResult>(nameof(ApplyToCloudflareActivity), request);
            }
            catch (TaskFailedException failure)
            {
                // The activity only throws for what it could not classify: count it as transient.
                result = new ApplyResult(false, ApplyFailure.Transient, failure.FailureDetails.ErrorMessage);
            }

            if (result.Succeeded || result.Failure == ApplyFailure.Permanent || attempt >= input.Retry.MaxAttempts)
            {
                return (result.Failure == ApplyFailure.Transient ? result with { Error = $"gave up after {attempt} attempts: {result.Error}" } : result, attempt);
            }

            await context.CreateTimer(input.Retry.DelayAfter(attempt), CancellationToken.None);
        }
    }
}
