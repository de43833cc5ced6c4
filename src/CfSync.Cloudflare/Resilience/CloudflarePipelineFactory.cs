using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace CfSync.Cloudflare.Resilience;

/// <summary>
/// Composes the per-account pipeline, outermost first: retry (jitter, honours retry-after) → circuit breaker →
/// rate budget (each attempt costs a permit) → per-attempt timeout.
/// </summary>
internal static class CloudflarePipelineFactory
{
    public static ResiliencePipeline<HttpResponseMessage> Create(
        string accountKey,
        AccountRateBudget budget,
        CloudflareOptions options,
        TimeProvider time,
        ILogger logger)
    {
        var retry = options.Retry;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };

        // Polly rejects zero attempts; "no retries" means no retry strategy.
        if (retry.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = retry.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, retry.MaxRetryAfter)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfterOf(args.Outcome.Result)),
                OnRetry = args =>
                {
                    CloudflareLog.RetryScheduled(
                        logger,
                        OperationOf(args.Context),
                        args.AttemptNumber + 1,
                        (int?)args.Outcome.Result?.StatusCode,
                        args.Outcome.Exception?.GetType().Name,
                        (long)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = options.CircuitBreaker.FailureRatio,
                MinimumThroughput = options.CircuitBreaker.MinimumThroughput,
                SamplingDuration = options.CircuitBreaker.SamplingDuration,
                BreakDuration = options.CircuitBreaker.BreakDuration,

                // 429 is flow control handled by the shared gate, not a sign the API is down.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException or TimeoutRejectedException
                    || args.Outcome.Result?.StatusCode is >= HttpStatusCode.InternalServerError),
                OnOpened = args =>
                {
                    CloudflareLog.CircuitOpened(logger, accountKey, (long)args.BreakDuration.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    CloudflareLog.CircuitClosed(logger, accountKey);
                    return ValueTask.CompletedTask;
                },
            })
            .AddStrategy(_ => new RateBudgetStrategy(budget, options.RateBudget.MaxQueueWait), new RateBudgetStrategyOptions())
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    internal static readonly ResiliencePropertyKey<string> OperationKey = new("cfsync.cloudflare.operation");

    private static string OperationOf(ResilienceContext context) =>
        context.Properties.TryGetValue(OperationKey, out var operation) ? operation : "?";

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeSpan maxRetryAfter)
    {
        if (outcome.Exception is not null)
        {
            // Connection failures and attempt timeouts; not an open circuit, an exhausted budget or caller cancellation.
            return outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }

        var response = outcome.Result!;
        if (!CloudflareErrorClassifier.IsTransientStatus(response.StatusCode))
        {
            return false;
        }

        // A long retry-after is the durable engine's to wait out, not an in-process sleep.
        return RetryAfterOf(response) is not { } wait || wait <= maxRetryAfter;
    }

    internal static TimeSpan? RetryAfterOf(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - DateTimeOffset.UtcNow : null;
    }
}
