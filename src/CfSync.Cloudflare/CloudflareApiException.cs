using System.Net;

namespace CfSync.Cloudflare;

/// <summary>How a failed call should be treated by whoever decides retries.</summary>
public enum CloudflareErrorCategory
{
    /// <summary>Worth retrying later: 429, 408, 5xx, timeouts, connection failures, open circuit, exhausted budget.</summary>
    Transient,

    /// <summary>Retrying the same request cannot succeed: validation (1056, 81053, 81058), auth (401/403), other 4xx.</summary>
    Permanent,

    /// <summary>The object does not exist (404) where the operation needs it (PUT/PATCH); GET/DELETE return it as a result.</summary>
    NotFound,
}

/// <summary>A Cloudflare call that did not succeed. Carries status, envelope errors and classification; never the token.</summary>
public sealed class CloudflareApiException : Exception
{
    public CloudflareApiException(string message)
        : this(message, null, [], CloudflareErrorCategory.Transient, null, null)
    {
    }

    public CloudflareApiException(string message, Exception innerException)
        : this(message, null, [], CloudflareErrorCategory.Transient, null, innerException)
    {
    }

    public CloudflareApiException()
        : this("Cloudflare call failed.")
    {
    }

    public CloudflareApiException(
        string message,
        HttpStatusCode? statusCode,
        IReadOnlyList<CloudflareError> errors,
        CloudflareErrorCategory category,
        TimeSpan? retryAfter,
        Exception? innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Errors = errors;
        Category = category;
        RetryAfter = retryAfter;
    }

    /// <summary>HTTP status, or null when no response arrived (timeout, connection failure, open circuit, budget).</summary>
    public HttpStatusCode? StatusCode { get; }

    public IReadOnlyList<CloudflareError> Errors { get; }

    public CloudflareErrorCategory Category { get; }

    /// <summary>When Cloudflare (or the local budget) said how long to wait.</summary>
    public TimeSpan? RetryAfter { get; }

    public bool IsTransient => Category == CloudflareErrorCategory.Transient;

    public bool HasErrorCode(int code) => Errors.Any(e => e.Code == code);
}
