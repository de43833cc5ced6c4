using System.Diagnostics;
using Polly;

namespace CfSync.Cloudflare.Resilience;

/// <summary>Proactive Polly strategy: every attempt (retries included) spends one permit of the account budget.</summary>
internal sealed class RateBudgetStrategy(AccountRateBudget budget, TimeSpan maxQueueWait) : ResilienceStrategy
{
    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback,
        ResilienceContext context,
        TState state)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await budget.AcquireAsync(maxQueueWait, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
        }
        catch (Exception ex) when (ex is RateBudgetExhaustedException or OperationCanceledException)
        {
            if (ex is RateBudgetExhaustedException)
            {
                CloudflareMetrics.BudgetExhausted();
            }

            return Outcome.FromException<TResult>(ex);
        }

        CloudflareMetrics.BudgetWaited(Stopwatch.GetElapsedTime(started));

        return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
    }
}

internal sealed class RateBudgetStrategyOptions : ResilienceStrategyOptions
{
    public RateBudgetStrategyOptions() => Name = "CloudflareRateBudget";
}
