using Microsoft.Extensions.Logging;

namespace CfSync.Cloudflare;

/// <summary>Source-generated log events. Arguments are paths, statuses and account keys: never tokens or headers.</summary>
internal static partial class CloudflareLog
{
    [LoggerMessage(1, LogLevel.Debug, "Cloudflare {Operation} answered {StatusCode} in {ElapsedMs} ms")]
    public static partial void CallCompleted(ILogger logger, string operation, int statusCode, long elapsedMs);

    [LoggerMessage(2, LogLevel.Warning, "Cloudflare {Operation} attempt {Attempt} failed (status {StatusCode}, exception {ExceptionType}); retrying in {DelayMs} ms")]
    public static partial void RetryScheduled(ILogger logger, string operation, int attempt, int? statusCode, string? exceptionType, long delayMs);

    [LoggerMessage(3, LogLevel.Warning, "Cloudflare rate limit hit on {Operation}; every caller of {AccountKey} pauses until {PausedUntil:O}")]
    public static partial void RateLimitPause(ILogger logger, string operation, string accountKey, DateTimeOffset pausedUntil);

    [LoggerMessage(4, LogLevel.Error, "Cloudflare circuit for {AccountKey} opened for {BreakMs} ms")]
    public static partial void CircuitOpened(ILogger logger, string accountKey, long breakMs);

    [LoggerMessage(5, LogLevel.Information, "Cloudflare circuit for {AccountKey} closed")]
    public static partial void CircuitClosed(ILogger logger, string accountKey);

    [LoggerMessage(6, LogLevel.Warning, "Cloudflare {Operation} failed: {Category} (status {StatusCode}, codes {ErrorCodes})")]
    public static partial void CallFailed(ILogger logger, string operation, CloudflareErrorCategory category, int? statusCode, string errorCodes);
}
