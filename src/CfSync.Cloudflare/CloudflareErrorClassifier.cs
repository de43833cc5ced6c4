using System.Net;

namespace CfSync.Cloudflare;

/// <summary>Classifies outcomes by HTTP status and error code only: messages change, codes and statuses are the contract.</summary>
public static class CloudflareErrorClassifier
{
    public static CloudflareErrorCategory Classify(HttpStatusCode? status, IReadOnlyList<CloudflareError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return status switch
        {
            null => CloudflareErrorCategory.Transient,
            HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout => CloudflareErrorCategory.Transient,
            >= HttpStatusCode.InternalServerError => CloudflareErrorCategory.Transient,
            HttpStatusCode.NotFound => CloudflareErrorCategory.NotFound,
            _ when errors.Any(e => e.Code == CloudflareErrorCodes.RateLimited) => CloudflareErrorCategory.Transient,
            _ => CloudflareErrorCategory.Permanent,
        };
    }

    /// <summary>Whether the in-process pipeline should try again (the same rule the engine applies later, minus long waits).</summary>
    internal static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || status >= HttpStatusCode.InternalServerError;
}
