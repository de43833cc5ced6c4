using Microsoft.Extensions.Options;

namespace CfSync.Cloudflare;

/// <summary>Rejects unusable options at start-up; messages name the setting, never the token value.</summary>
public sealed class CloudflareOptionsValidator : IValidateOptions<CloudflareOptions>
{
    public ValidateOptionsResult Validate(string? name, CloudflareOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ApiToken))
        {
            failures.Add($"Cloudflare:ApiToken is required (or set {CloudflareOptions.TokenEnvironmentVariable}).");
        }
        else if (options.ApiToken.Any(char.IsWhiteSpace))
        {
            failures.Add("Cloudflare:ApiToken must not contain whitespace.");
        }

        if (options.BaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("Cloudflare:BaseUrl must be an absolute http(s) URL.");
        }

        Positive(options.AttemptTimeout, "AttemptTimeout");
        if (options.Retry.MaxRetryAttempts is < 0 or > 10)
        {
            failures.Add("Cloudflare:Retry:MaxRetryAttempts must be between 0 and 10.");
        }

        Positive(options.Retry.BaseDelay, "Retry:BaseDelay");
        Positive(options.Retry.MaxDelay, "Retry:MaxDelay");
        Positive(options.Retry.MaxRetryAfter, "Retry:MaxRetryAfter");
        if (options.CircuitBreaker.FailureRatio is <= 0 or > 1)
        {
            failures.Add("Cloudflare:CircuitBreaker:FailureRatio must be in (0, 1].");
        }

        if (options.CircuitBreaker.MinimumThroughput < 2)
        {
            failures.Add("Cloudflare:CircuitBreaker:MinimumThroughput must be at least 2.");
        }

        Positive(options.CircuitBreaker.SamplingDuration, "CircuitBreaker:SamplingDuration");
        Positive(options.CircuitBreaker.BreakDuration, "CircuitBreaker:BreakDuration");
        if (options.RateBudget.PermitLimit < 1)
        {
            failures.Add("Cloudflare:RateBudget:PermitLimit must be at least 1.");
        }

        Positive(options.RateBudget.Window, "RateBudget:Window");
        Positive(options.RateBudget.MaxQueueWait, "RateBudget:MaxQueueWait");
        if (options.Dns.BatchSize is < 1 or > 1000)
        {
            failures.Add("Cloudflare:Dns:BatchSize must be between 1 and 1000.");
        }

        Positive(options.Dns.ZoneCacheTtl, "Dns:ZoneCacheTtl");
        if (options.Ownership.CommentLimit < 1)
        {
            failures.Add("Cloudflare:Ownership:CommentLimit must be at least 1.");
        }

        if (options.Ownership.TxtEncryptionKey is { } key && !Dns.TxtCipher.IsValidKey(key))
        {
            failures.Add("Cloudflare:Ownership:TxtEncryptionKey must be base64 of 32 bytes (an AES-256 key).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Positive(TimeSpan value, string setting)
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"Cloudflare:{setting} must be positive.");
            }
        }
    }
}
