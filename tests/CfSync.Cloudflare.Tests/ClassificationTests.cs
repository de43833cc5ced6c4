using System.Net;
using CfSync.Cloudflare.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace CfSync.Cloudflare.Tests;

public sealed class ClassificationTests
{
    [Theory]
    [InlineData(429, 971, CloudflareErrorCategory.Transient)]
    [InlineData(500, 1000, CloudflareErrorCategory.Transient)]
    [InlineData(503, 1000, CloudflareErrorCategory.Transient)]
    [InlineData(408, 1000, CloudflareErrorCategory.Transient)]
    [InlineData(400, 1056, CloudflareErrorCategory.Permanent)]
    [InlineData(400, 81053, CloudflareErrorCategory.Permanent)]
    [InlineData(400, 81058, CloudflareErrorCategory.Permanent)]
    [InlineData(401, 10000, CloudflareErrorCategory.Permanent)]
    [InlineData(403, 10000, CloudflareErrorCategory.Permanent)]
    [InlineData(404, 81044, CloudflareErrorCategory.NotFound)]
    [InlineData(409, 1000, CloudflareErrorCategory.Permanent)]
    public void Classifies_by_status_and_code(int status, int code, CloudflareErrorCategory expected) =>
        Assert.Equal(expected, CloudflareErrorClassifier.Classify((HttpStatusCode)status, [new CloudflareError(code, "any text")]));

    [Fact]
    public void Message_text_does_not_change_the_classification() =>
        Assert.Equal(
            CloudflareErrorClassifier.Classify(HttpStatusCode.BadRequest, [new CloudflareError(1056, "rate limit, please retry later")]),
            CloudflareErrorClassifier.Classify(HttpStatusCode.BadRequest, [new CloudflareError(1056, "Bad Configuration")]));

    [Fact]
    public void No_response_is_transient() => Assert.Equal(CloudflareErrorCategory.Transient, CloudflareErrorClassifier.Classify(null, []));

    [Fact]
    public void Budget_holds_a_strict_sliding_window_and_a_shared_pause()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var budget = new AccountRateBudget(3, TimeSpan.FromSeconds(10), time);
        Assert.Equal(TimeSpan.Zero, budget.TryAcquire());
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(TimeSpan.Zero, budget.TryAcquire());
        Assert.Equal(TimeSpan.Zero, budget.TryAcquire());
        Assert.Equal(TimeSpan.FromSeconds(6), budget.TryAcquire());
        time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(TimeSpan.Zero, budget.TryAcquire());

        budget.PauseUntil(time.GetUtcNow().AddSeconds(30));
        budget.PauseUntil(time.GetUtcNow().AddSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(30), budget.TryAcquire());
    }

    [Fact]
    public async Task Budget_wait_beyond_the_queue_limit_fails_fast_with_retry_after()
    {
        var budget = new AccountRateBudget(1, TimeSpan.FromMinutes(5), TimeProvider.System);
        await budget.AcquireAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        var error = await Assert.ThrowsAsync<RateBudgetExhaustedException>(() => budget.AcquireAsync(TimeSpan.FromSeconds(1), CancellationToken.None).AsTask());
        Assert.True(error.RetryAfter > TimeSpan.FromMinutes(4));
    }

    [Fact]
    public void Options_validation_names_problems_and_ToString_redacts_the_token()
    {
        var options = new CloudflareOptions { ApiToken = "super-secret-token-value" };
        options.RateBudget.PermitLimit = 0;
        var result = new CloudflareOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("PermitLimit", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("super-secret", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("super-secret", options.ToString(), StringComparison.Ordinal);
        Assert.True(new CloudflareOptionsValidator().Validate(null, new CloudflareOptions()).Failed);
    }
}
