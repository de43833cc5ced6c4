using System.Diagnostics.Metrics;

namespace CfSync.Cloudflare;

/// <summary>
/// The edge's instruments (meter <c>CfSync.Cloudflare</c>): every HTTP attempt by method and status, 429s, and the time
/// calls wait in the account's local rate budget. Tags are methods and status codes only, so their number stays bounded.
/// </summary>
public static class CloudflareMetrics
{
    public const string MeterName = "CfSync.Cloudflare";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        "cfsync.cloudflare.requests", "{request}", "HTTP requests sent to Cloudflare (retries included), by method and status.");

    private static readonly Counter<long> RateLimited = Meter.CreateCounter<long>(
        "cfsync.cloudflare.rate_limited", "{response}", "429 answers from Cloudflare.");

    private static readonly Histogram<double> BudgetWait = Meter.CreateHistogram<double>(
        "cfsync.cloudflare.rate_budget.wait", "s", "Time a request waited for a permit of the account's local rate budget.");

    private static readonly Counter<long> BudgetRefused = Meter.CreateCounter<long>(
        "cfsync.cloudflare.rate_budget.refused", "{request}", "Requests not sent because the local rate budget had no permit in time.");

    internal static void RequestSent(HttpMethod method, int status)
    {
        Requests.Add(1, new KeyValuePair<string, object?>("http.request.method", method.Method), new KeyValuePair<string, object?>("http.response.status_code", status));
        if (status == 429)
        {
            RateLimited.Add(1);
        }
    }

    internal static void BudgetWaited(TimeSpan waited) => BudgetWait.Record(waited.TotalSeconds);

    internal static void BudgetExhausted() => BudgetRefused.Add(1);
}
