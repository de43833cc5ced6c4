using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CfSync.Cloudflare.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CfSync.Cloudflare.Api;

/// <summary>A successful envelope's payload.</summary>
internal sealed record CloudflareResponse<T>(T Result, CloudflareResultInfo? ResultInfo);

/// <summary>
/// Sends one logical call through the account's pipeline, parses the envelope and turns failures into
/// classified <see cref="CloudflareApiException"/>s. The only place that touches HTTP and the token.
/// </summary>
internal sealed class CloudflareTransport(HttpClient http, CloudflareOptions options, AccountEdge edge, TimeProvider time, ILogger logger)
{
    private readonly string baseUrl = options.BaseUrl.ToString().TrimEnd('/') + "/";

    public async Task<CloudflareResponse<T>?> SendAsync<T>(
        HttpMethod method,
        string path,
        byte[]? body,
        bool notFoundIsResult,
        CancellationToken cancellationToken)
    {
        var operation = $"{method.Method} {path.Split('?')[0]}";
        var context = ResilienceContextPool.Shared.Get(operation, cancellationToken);
        context.Properties.Set(CloudflarePipelineFactory.OperationKey, operation);
        HttpResponseMessage? response = null;
        try
        {
            var started = time.GetTimestamp();
            var outcome = await edge.Pipeline.ExecuteOutcomeAsync(
                static async (ctx, state) =>
                {
                    try
                    {
                        return Outcome.FromResult(await state.Transport.AttemptAsync(state.Method, state.Path, state.Body, state.Operation, ctx.CancellationToken).ConfigureAwait(false));
                    }
                    catch (Exception ex)
                    {
                        return Outcome.FromException<HttpResponseMessage>(ex);
                    }
                },
                context,
                (Transport: this, Method: method, Path: path, Body: body, Operation: operation)).ConfigureAwait(false);

            if (outcome.Exception is { } exception)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw Failure(operation, exception);
            }

            response = outcome.Result!;
            CloudflareLog.CallCompleted(logger, operation, (int)response.StatusCode, (long)time.GetElapsedTime(started).TotalMilliseconds);
            var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var envelope = Parse(payload);
            if (response.IsSuccessStatusCode && envelope.Success)
            {
                var result = envelope.Result is { } element ? element.Deserialize<T>(CloudflareJson.Options) : default;
                return new CloudflareResponse<T>(result!, envelope.ResultInfo);
            }

            if (response.StatusCode == HttpStatusCode.NotFound && notFoundIsResult)
            {
                return null;
            }

            var category = CloudflareErrorClassifier.Classify(response.StatusCode, envelope.Errors);
            CloudflareLog.CallFailed(logger, operation, category, (int)response.StatusCode, string.Join(",", envelope.Errors.Select(e => e.Code)));
            throw new CloudflareApiException(
                $"Cloudflare {operation} failed with HTTP {(int)response.StatusCode}: {Describe(envelope.Errors)}",
                response.StatusCode,
                envelope.Errors,
                category,
                CloudflarePipelineFactory.RetryAfterOf(response),
                null);
        }
        finally
        {
            response?.Dispose();
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Pages 1, 2, … until a short or empty page (how Cloudflare's SDKs page).</summary>
    public static async IAsyncEnumerable<T> PageAllAsync<T>(
        Func<int, CancellationToken, Task<CloudflarePage<T>>> fetchPage,
        int perPage,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var page = 1; ; page++)
        {
            var current = await fetchPage(page, cancellationToken).ConfigureAwait(false);
            foreach (var item in current.Items)
            {
                yield return item;
            }

            if (current.Items.Count == 0 || current.Items.Count < perPage || current.ResultInfo?.TotalPages is { } total && page >= total)
            {
                yield break;
            }
        }
    }

    private async Task<HttpResponseMessage> AttemptAsync(HttpMethod method, string path, byte[]? body, string operation, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, baseUrl + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiToken);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        CloudflareMetrics.RequestSent(method, (int)response.StatusCode);
        if (response.StatusCode == HttpStatusCode.TooManyRequests && CloudflarePipelineFactory.RetryAfterOf(response) is { } retryAfter)
        {
            // Shared gate: the whole account stops, not just this request.
            var until = time.GetUtcNow() + retryAfter;
            edge.Budget.PauseUntil(until);
            CloudflareLog.RateLimitPause(logger, operation, edge.AccountKey, until);
        }

        return response;
    }

    private CloudflareApiException Failure(string operation, Exception exception)
    {
        var (message, retryAfter) = exception switch
        {
            TimeoutRejectedException => ($"Cloudflare {operation} timed out after {options.AttemptTimeout.TotalSeconds:F1} s per attempt.", (TimeSpan?)null),
            BrokenCircuitException broken => ($"Cloudflare {operation} was not sent: the circuit for {edge.AccountKey} is open.", broken.RetryAfter),
            RateBudgetExhaustedException budget => ($"Cloudflare {operation} was not sent: {budget.Message}", budget.RetryAfter),
            HttpRequestException http => ($"Cloudflare {operation} failed to connect: {http.HttpRequestError}.", null),
            _ => ($"Cloudflare {operation} failed: {exception.GetType().Name}.", null),
        };
        var category = exception is TimeoutRejectedException or BrokenCircuitException or RateBudgetExhaustedException or HttpRequestException
            ? CloudflareErrorCategory.Transient
            : CloudflareErrorCategory.Permanent;
        CloudflareLog.CallFailed(logger, operation, category, null, string.Empty);
        return new CloudflareApiException(message, null, [], category, retryAfter, exception);
    }

    private static string Describe(IReadOnlyList<CloudflareError> errors) =>
        errors.Count == 0 ? "no error details" : string.Join("; ", errors.Select(e => $"[{e.Code}] {e.Message.TrimEnd()}"));

    private static Envelope Parse(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Envelope.Empty;
            }

            var success = root.TryGetProperty("success", out var s) && s.ValueKind == JsonValueKind.True;
            var errors = root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Array
                ? e.Deserialize<List<CloudflareError>>(CloudflareJson.Options) ?? []
                : [];
            JsonElement? result = root.TryGetProperty("result", out var r) && r.ValueKind != JsonValueKind.Null ? r.Clone() : null;
            var info = root.TryGetProperty("result_info", out var i) && i.ValueKind == JsonValueKind.Object
                ? i.Deserialize<CloudflareResultInfo>(CloudflareJson.Options)
                : null;
            return new Envelope(success, errors, result, info);
        }
        catch (JsonException)
        {
            // Proxies in front of the API answer 502/504 with HTML; the status alone classifies those.
            return Envelope.Empty;
        }
    }

    private sealed record Envelope(bool Success, IReadOnlyList<CloudflareError> Errors, JsonElement? Result, CloudflareResultInfo? ResultInfo)
    {
        public static Envelope Empty { get; } = new(false, [], null, null);
    }
}
