using System.Net;
using CfSync.Cloudflare.Emulator.Control;
using Polly.CircuitBreaker;

namespace CfSync.Cloudflare.Tests;

public sealed class ResilienceTests
{
    private const string Account = EdgeHarness.Account;
    private const string Tunnel = EdgeHarness.TunnelId;

    // Journal timestamps are taken on arrival by the same process clock; allow for timer granularity only.
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task Retry_after_on_429_is_honoured_before_the_next_request()
    {
        await using var edge = await EdgeHarness.StartAsync();
        edge.Emulator.Faults.Add(new FaultRule("accounts/*/cfd_tunnel/*", "GET", Count: 1, Status: 429, RetryAfterSeconds: 2));
        Assert.NotNull(await edge.Client.Tunnels.GetAsync(Account, Tunnel));
        var journal = edge.Journal;
        Assert.Equal([429, 200], journal.Select(e => e.Status ?? 0));
        Assert.True(journal[1].Timestamp - journal[0].Timestamp >= TimeSpan.FromSeconds(2) - ClockSlack, $"retried after {journal[1].Timestamp - journal[0].Timestamp}");
    }

    [Fact]
    public async Task A_429_pauses_every_caller_of_the_account()
    {
        await using var edge = await EdgeHarness.StartAsync();
        var other = edge.NewClient();
        edge.Emulator.Faults.Add(new FaultRule("zones", "GET", Count: 1, Status: 429, RetryAfterSeconds: 2));
        var first = edge.Client.Zones.ListPageAsync();
        while (edge.Journal.Count == 0)
        {
            await Task.Delay(10);
        }

        await Task.Delay(100);
        var second = other.Tunnels.GetAsync(Account, Tunnel);
        await Task.WhenAll(first, second);
        var journal = edge.Journal;
        var limited = journal.Single(e => e.Status == 429);
        Assert.All(journal.Where(e => e != limited), e => Assert.True(e.Timestamp - limited.Timestamp >= TimeSpan.FromSeconds(2) - ClockSlack, $"{e.Path} came {e.Timestamp - limited.Timestamp} after the 429"));
    }

    [Fact]
    public async Task Retry_after_longer_than_the_in_process_limit_surfaces_as_transient_with_retry_after()
    {
        await using var edge = await EdgeHarness.StartAsync();
        edge.Emulator.Faults.Add(new FaultRule("zones", Count: 1, Status: 429, RetryAfterSeconds: 300));
        var error = await Assert.ThrowsAsync<CloudflareApiException>(() => edge.Client.Zones.ListPageAsync());
        Assert.Equal((CloudflareErrorCategory.Transient, TimeSpan.FromSeconds(300)), (error.Category, error.RetryAfter));
        Assert.Single(edge.Journal);

        // The shared gate is closed: the next call fails fast instead of queueing for five minutes.
        var gated = await Assert.ThrowsAsync<CloudflareApiException>(() => edge.NewClient().Tunnels.GetAsync(Account, Tunnel));
        Assert.Equal(CloudflareErrorCategory.Transient, gated.Category);
        Assert.Single(edge.Journal);
    }

    [Fact]
    public async Task Service_unavailable_is_retried_until_success()
    {
        await using var edge = await EdgeHarness.StartAsync();
        edge.Emulator.Faults.Add(new FaultRule("accounts/**", "PUT", Count: 2, Status: 503));
        var result = await edge.Client.Tunnels.PutConfigurationAsync(Account, Tunnel, new Models.TunnelConfig([new Models.TunnelIngressRule("http_status:404")]));
        Assert.Equal(1, result.Version);
        Assert.Equal([503, 503, 200], edge.Journal.Select(e => e.Status ?? 0));
    }

    [Fact]
    public async Task A_call_meter_counts_every_request_sent_retries_included_and_only_within_it()
    {
        await using var edge = await EdgeHarness.StartAsync();
        edge.Emulator.Faults.Add(new FaultRule("accounts/**", "PUT", Count: 2, Status: 503));
        await edge.Client.Tunnels.GetAsync(Account, Tunnel); // outside the meter
        using (var calls = Sync.Applying.CloudflareCallMeter.Start())
        {
            await edge.Client.Tunnels.PutConfigurationAsync(Account, Tunnel, new Models.TunnelConfig([new Models.TunnelIngressRule("http_status:404")]));
            Assert.Equal(3, calls.Count);
        }

        Assert.Equal(4, edge.Journal.Count);
    }

    [Fact]
    public async Task A_429_answered_by_Cloudflare_is_marked_for_the_account_budget()
    {
        await using var edge = await EdgeHarness.StartAsync();
        edge.Emulator.Faults.Add(new FaultRule("zones", Count: 1, Status: 429, RetryAfterSeconds: 300));
        var error = await Assert.ThrowsAsync<CloudflareApiException>(() => edge.Client.Zones.ListPageAsync());
        Assert.True(Applying.ApplyFailures.From(error).RateLimited);
        var gated = await Assert.ThrowsAsync<CloudflareApiException>(() => edge.NewClient().Tunnels.GetAsync(Account, Tunnel));
        Assert.False(Applying.ApplyFailures.From(gated).RateLimited); // our own gate: it holds this process only
    }

    [Fact]
    public async Task Bad_request_is_not_retried()
    {
        await using var edge = await EdgeHarness.StartAsync();
        edge.Emulator.Faults.Add(new FaultRule("zones", Count: 5, Status: 400, ErrorCode: 1001));
        var error = await Assert.ThrowsAsync<CloudflareApiException>(() => edge.Client.Zones.ListPageAsync());
        Assert.Equal((HttpStatusCode.BadRequest, CloudflareErrorCategory.Permanent), (error.StatusCode, error.Category));
        Assert.Single(edge.Journal);
    }

    [Fact]
    public async Task Dropped_connections_are_retried_and_exhaustion_is_transient()
    {
        await using var edge = await EdgeHarness.StartAsync(client: o => o.Retry.MaxRetryAttempts = 2);
        edge.Emulator.Faults.Add(new FaultRule("zones", Count: 1, Abort: true));
        Assert.Single((await edge.Client.Zones.ListPageAsync()).Items);

        edge.Emulator.Faults.Add(new FaultRule("zones", Count: 3, Abort: true));
        var error = await Assert.ThrowsAsync<CloudflareApiException>(() => edge.Client.Zones.ListPageAsync());
        Assert.Equal(CloudflareErrorCategory.Transient, error.Category);
        Assert.Null(error.StatusCode);
        Assert.Equal(5, edge.Journal.Count);
    }

    [Fact]
    public async Task Slow_attempts_time_out_and_are_retried()
    {
        // A 2 s timeout, not 500 ms: on a loaded machine the healthy second attempt once took over 500 ms and was cut too.
        await using var edge = await EdgeHarness.StartAsync(client: o => o.AttemptTimeout = TimeSpan.FromSeconds(2));
        edge.Emulator.Faults.Add(new FaultRule("zones", Count: 1, LatencyMs: 6000));
        Assert.Single((await edge.Client.Zones.ListPageAsync()).Items);
        Assert.Equal([true, false], edge.Journal.Select(e => e.Aborted));
        Assert.Equal(200, edge.Journal[1].Status);
    }

    [Fact]
    public async Task Circuit_opens_after_repeated_failures_and_recovers()
    {
        await using var edge = await EdgeHarness.StartAsync(client: o =>
        {
            o.Retry.MaxRetryAttempts = 0;
            o.CircuitBreaker.MinimumThroughput = 3;
            o.CircuitBreaker.FailureRatio = 0.5;
            o.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(1);
        });
        edge.Emulator.Faults.Add(new FaultRule("zones", Count: 100, Status: 500));
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<CloudflareApiException>(() => edge.Client.Zones.ListPageAsync());
        }

        var open = await Assert.ThrowsAsync<CloudflareApiException>(() => edge.Client.Zones.ListPageAsync());
        Assert.IsType<BrokenCircuitException>(open.InnerException);
        Assert.Equal(CloudflareErrorCategory.Transient, open.Category);
        Assert.Equal(3, edge.Journal.Count);

        edge.Emulator.Faults.Clear();
        await Task.Delay(TimeSpan.FromSeconds(1.3));
        Assert.Single((await edge.Client.Zones.ListPageAsync()).Items);
        Assert.Equal(4, edge.Journal.Count);
    }

    [Fact]
    public async Task Shared_budget_holds_across_concurrent_callers()
    {
        const int Limit = 20;
        var window = TimeSpan.FromSeconds(2);
        await using var edge = await EdgeHarness.StartAsync(client: o =>
        {
            o.RateBudget.PermitLimit = Limit;
            o.RateBudget.Window = window;
        });
        var clients = Enumerable.Range(0, 4).Select(_ => edge.NewClient()).ToArray();
        var start = DateTimeOffset.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => clients[i % clients.Length].Tunnels.GetAsync(Account, Tunnel)));

        // Anchored at the start, not at the first arrival: a request arrives after its permit was granted, but the first
        // ones can arrive late (connections are being opened), which would make arrival-to-arrival gaps look too short.
        // Permit 21 cannot be granted before start + 2 s, permit 41 not before start + 4 s, whatever the jitter.
        var times = edge.Journal.Select(e => e.Timestamp).Order().ToList();
        Assert.Equal(50, times.Count);
        var tick = TimeSpan.FromMilliseconds(10);
        Assert.True(times.Count(t => t < start + window - tick) <= Limit, $"more than {Limit} requests in the first window");
        Assert.True(times.Count(t => t < start + (2 * window) - tick) <= 2 * Limit, $"more than {2 * Limit} requests in the first two windows");
        Assert.True(times[^1] >= start + (2 * window) - tick, $"50 requests done within {times[^1] - start}: the budget was not shared");
    }

    [Fact]
    public async Task Token_never_appears_in_logs_or_exceptions()
    {
        const string Secret = "tok-5f3c9a1e-very-secret";
        await using var edge = await EdgeHarness.StartAsync(emulator: o => o.Tokens[Secret] = false, client: o => o.Retry.MaxRetryAttempts = 1);
        var client = edge.NewClient(Secret);
        edge.Emulator.Faults.Add(new FaultRule("zones", Count: 2, Status: 503));
        var errors = new List<Exception>
        {
            await Assert.ThrowsAsync<CloudflareApiException>(() => client.Zones.ListPageAsync()),
            await Assert.ThrowsAsync<CloudflareApiException>(() => client.Tunnels.PutConfigurationAsync(Account, Tunnel, new Models.TunnelConfig([new Models.TunnelIngressRule("http://x:1", "x.example.com")]))),
            await Assert.ThrowsAsync<CloudflareApiException>(() => edge.NewClient(Secret + "-wrong").Zones.ListPageAsync()),
        };
        Assert.NotEmpty(edge.Logs.Lines);
        Assert.All(edge.Logs.Lines, line => Assert.DoesNotContain(Secret, line, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.DoesNotContain(Secret, e.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(Secret, edge.ClientOptions(Secret).ToString(), StringComparison.Ordinal);
    }
}
