using CfSync.Sync.Activities;
using CfSync.Sync.Budget;
using CfSync.Sync.Entities;
using Microsoft.DurableTask;

namespace CfSync.Sync.Orchestrations;

/// <summary>
/// Applies one aggregate to Cloudflare with durable retries (timers survive restarts) and reports the outcome to the
/// entity. Transient failures are retried on an exponential, capped schedule; Cloudflare's retry-after is waited out
/// with a durable timer and spends no attempt; a permanent failure (invalid configuration, auth) stops at once.
/// Mirroring the outcome is the entity's next step, in its own orchestration: nothing here can keep the outcome
/// from reaching the entity.
/// A 429's retry-after closes the account budget's gate for every worker, not just for this sync.
/// </summary>
public sealed class SyncResourceOrchestration(IAccountBudgetKeys budgetKeys) : TaskOrchestrator<SyncRequest, SyncOutcome>
{
    /// <summary>A retry-after of zero still waits this long, so a misbehaving gate cannot spin the orchestration.</summary>
    private static readonly TimeSpan MinimumRateLimitWait = TimeSpan.FromSeconds(1);

    public override async Task<SyncOutcome> RunAsync(TaskOrchestrationContext context, SyncRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var (result, attempts, calls, callsEndedAt) = input.Apply ? await ApplyWithRetriesAsync(context, input) : (ApplyResult.Success(), 0, 0, null);
        var outcome = new SyncOutcome(context.InstanceId, result.Succeeded, input.Apply && result.Succeeded, input.ConfigHash, result.Error, attempts, context.CurrentUtcDateTime)
        {
            AppliedAs = result.AppliedAs,
            Conflicts = result.Conflicts,
            Drift = result.Drift,
            CloudflareCalls = calls,
            CallsEndedAt = callsEndedAt,
        };
        await context.ReportToEntityAsync(input.EntityKey, nameof(CloudflareResourceEntity.SyncCompleted), outcome);
        return outcome;
    }

    private async Task<(ApplyResult Result, int Attempts, int Calls, DateTimeOffset? CallsEndedAt)> ApplyWithRetriesAsync(TaskOrchestrationContext context, SyncRequest input)
    {
        var request = new ApplyRequest(input.Resource, input.Scope, input.Desired, input.ConfigHash) { Context = input.Context };
        var rateLimited = TimeSpan.Zero;
        var calls = 0;
        DateTimeOffset? callsEndedAt = null;
        for (var attempt = 1; ;)
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

            calls += result.CloudflareCalls;
            callsEndedAt = result.CallsEndedAt ?? callsEndedAt;
            if (result.Succeeded || result.Failure == ApplyFailure.Permanent)
            {
                return (result, attempt, calls, callsEndedAt);
            }

            if (result.RetryAfter is { } retryAfter)
            {
                var wait = retryAfter > MinimumRateLimitWait ? retryAfter : MinimumRateLimitWait;
                if (result.RateLimited)
                {
                    await context.Entities.SignalEntityAsync(
                        AccountBudgetEntity.IdOf(budgetKeys.AccountKey),
                        nameof(AccountBudgetEntity.Pause),
                        new BudgetPause(context.CurrentUtcDateTime + wait));
                }

                if (rateLimited + wait <= input.Retry.MaxRateLimitWait)
                {
                    // Flow control, not a failure: wait until Cloudflare said to come back.
                    rateLimited += wait;
                    await context.CreateTimer(wait, CancellationToken.None);
                    continue;
                }
            }

            if (attempt >= input.Retry.MaxAttempts)
            {
                return (result with { Error = $"gave up after {attempt} attempts: {result.Error}" }, attempt, calls, callsEndedAt);
            }

            await context.CreateTimer(input.Retry.DelayAfter(attempt), CancellationToken.None);
            attempt++;
        }
    }
}
