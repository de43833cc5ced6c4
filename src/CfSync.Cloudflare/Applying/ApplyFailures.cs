using CfSync.Sync.Orchestrations;

namespace CfSync.Cloudflare.Applying;

/// <summary>How every applier turns a failed Cloudflare call into the engine's result (the message never holds the token).</summary>
internal static class ApplyFailures
{
    public static ApplyResult From(CloudflareApiException failure) =>
        new(
            false,
            failure.Category == CloudflareErrorCategory.Transient ? ApplyFailure.Transient : ApplyFailure.Permanent,
            failure.Message,
            RetryAfter: failure.RetryAfter)
        {
            RateLimited = failure.StatusCode == System.Net.HttpStatusCode.TooManyRequests,
        };

    public static ApplyResult Permanent(string error) => new(false, ApplyFailure.Permanent, error);
}
