using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace CfSync.Comparison.Benchmarks.Baseline;

/// <summary>The baseline's only Cloudflare calls: GET and PUT of a tunnel's configuration, counted (and its 429s).</summary>
internal sealed class TunnelConfigurationApi(HttpClient http, Uri emulatorApi, string token)
{
    private int calls;
    private int tooManyRequests;
    private long lastPutTicks;

    public int Calls => Volatile.Read(ref calls);

    public int TooManyRequests => Volatile.Read(ref tooManyRequests);

    /// <summary>When the last PUT was sent, or null before any.</summary>
    public DateTimeOffset? LastPut => Interlocked.Read(ref lastPutTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>The tunnel's <c>config</c> (empty when never written), or the retry-after of a 429.</summary>
    public async Task<(JsonObject? Config, TimeSpan? RetryAfter)> GetAsync(TunnelView tunnel, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, tunnel);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (RetryAfter(response) is { } wait)
        {
            return (null, wait);
        }

        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))!;
        return ((body["result"]?["config"] as JsonObject)?.DeepClone() as JsonObject ?? [], null);
    }

    /// <summary>Replaces the whole configuration; the retry-after of a 429, or null.</summary>
    public async Task<TimeSpan?> PutAsync(TunnelView tunnel, JsonObject config, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Put, tunnel);
        Interlocked.Exchange(ref lastPutTicks, DateTimeOffset.UtcNow.UtcTicks);
        request.Content = new StringContent(new JsonObject { ["config"] = config }.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (RetryAfter(response) is { } wait)
        {
            return wait;
        }

        response.EnsureSuccessStatusCode();
        return null;
    }

    private HttpRequestMessage Request(HttpMethod method, TunnelView tunnel)
    {
        var request = new HttpRequestMessage(method, new Uri(emulatorApi, $"accounts/{tunnel.AccountId}/cfd_tunnel/{tunnel.TunnelId}/configurations"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.TooManyRequests)
        {
            return null;
        }

        Interlocked.Increment(ref tooManyRequests);
        return response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
    }
}
