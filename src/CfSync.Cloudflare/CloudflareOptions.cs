namespace CfSync.Cloudflare;

/// <summary>Where and how the client reaches Cloudflare. The token is redacted from <see cref="ToString"/>.</summary>
public sealed class CloudflareOptions
{
    public const string SectionName = "Cloudflare";

    /// <summary>Read when <see cref="ApiToken"/> is not configured (e.g. a Kubernetes Secret exposed as env).</summary>
    public const string TokenEnvironmentVariable = "CLOUDFLARE_API_TOKEN";

    public Uri BaseUrl { get; set; } = new("https://api.cloudflare.com/client/v4/");

    public string ApiToken { get; set; } = string.Empty;

    /// <summary>Timeout of one HTTP attempt; retries get their own.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public CloudflareRetryOptions Retry { get; set; } = new();

    public CloudflareCircuitBreakerOptions CircuitBreaker { get; set; } = new();

    public CloudflareRateBudgetOptions RateBudget { get; set; } = new();

    public Ownership.OwnershipOptions Ownership { get; set; } = new();

    public Dns.CloudflareDnsOptions Dns { get; set; } = new();

    public override string ToString() =>
        $"BaseUrl={BaseUrl}, ApiToken={(string.IsNullOrEmpty(ApiToken) ? "<missing>" : "<redacted>")}, AttemptTimeout={AttemptTimeout}, " +
        $"Retry=({Retry}), CircuitBreaker=({CircuitBreaker}), RateBudget=({RateBudget}), Ownership=({Ownership}), Dns=({Dns})";
}

public sealed class CloudflareRetryOptions
{
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First backoff step (exponential with jitter) when Cloudflare gives no retry-after.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Longest retry-after the client waits out in-process. Longer ones surface as a transient
    /// <see cref="CloudflareApiException"/> carrying RetryAfter, so the durable engine can reschedule instead of blocking.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    public override string ToString() => $"MaxRetryAttempts={MaxRetryAttempts}, BaseDelay={BaseDelay}, MaxDelay={MaxDelay}, MaxRetryAfter={MaxRetryAfter}";
}

public sealed class CloudflareCircuitBreakerOptions
{
    public double FailureRatio { get; set; } = 0.5;

    public int MinimumThroughput { get; set; } = 10;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    public override string ToString() => $"FailureRatio={FailureRatio}, MinimumThroughput={MinimumThroughput}, SamplingDuration={SamplingDuration}, BreakDuration={BreakDuration}";
}

/// <summary>Cloudflare allows 1200 requests per 5 minutes per user across dashboard, key and token.</summary>
public sealed class CloudflareRateBudgetOptions
{
    public int PermitLimit { get; set; } = 1200;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest a caller queues for budget before failing transiently (with RetryAfter).</summary>
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromSeconds(60);

    public override string ToString() => $"PermitLimit={PermitLimit}, Window={Window}, MaxQueueWait={MaxQueueWait}";
}
