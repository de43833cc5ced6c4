using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Cloudflare.Emulator.Contract;
using CfSync.Cloudflare.Emulator.Control;
using Microsoft.AspNetCore.Http;

namespace CfSync.Cloudflare.Emulator.Api;

/// <summary>
/// Serves /client/v4 the way Cloudflare's edge does, in order: injected faults, bearer auth, per-token rate budget,
/// routing by the contract, query and body validation against the subset, then the stateful handler. Everything is journaled.
/// </summary>
internal sealed class ApiDispatcher
{
    private readonly CloudflareContract contract;
    private readonly EmulatorOptions options;
    private readonly EmulatorStore store;
    private readonly EmulatorRateBudget budget;
    private readonly RequestJournal journal;
    private readonly FaultInjector faults;
    private readonly TimeProvider time;
    private readonly Dictionary<string, Func<ApiRequest, ApiResponse>> handlers;

    public ApiDispatcher(CloudflareContract contract, EmulatorOptions options, EmulatorStore store, EmulatorRateBudget budget, RequestJournal journal, FaultInjector faults, TimeProvider time)
    {
        this.contract = contract;
        this.options = options;
        this.store = store;
        this.budget = budget;
        this.journal = journal;
        this.faults = faults;
        this.time = time;
        var tunnels = new TunnelHandlers(store);
        var zones = new ZoneHandlers(store);
        var dns = new DnsHandlers(store);
        var account = new AccountHandlers(store);
        handlers = new(StringComparer.Ordinal)
        {
            ["cloudflare-tunnel-get-a-cloudflare-tunnel"] = tunnels.GetTunnel,
            ["cloudflare-tunnel-configuration-get-configuration"] = tunnels.GetConfiguration,
            ["cloudflare-tunnel-configuration-put-configuration"] = tunnels.PutConfiguration,
            ["zones-get"] = zones.List,
            ["dns-records-for-a-zone-list-dns-records"] = dns.List,
            ["dns-records-for-a-zone-create-dns-record"] = dns.Create,
            ["dns-records-for-a-zone-update-dns-record"] = dns.Update,
            ["dns-records-for-a-zone-patch-dns-record"] = dns.Patch,
            ["dns-records-for-a-zone-delete-dns-record"] = dns.Delete,
            ["dns-records-for-a-zone-batch-dns-records"] = dns.Batch,
            ["access-applications-list-access-applications"] = account.ListApps,
            ["access-applications-add-an-application"] = account.CreateApp,
            ["access-applications-update-an-access-application"] = account.UpdateApp,
            ["access-applications-delete-an-access-application"] = account.DeleteApp,
            ["tunnel-route-list-tunnel-routes"] = account.ListRoutes,
            ["tunnel-route-create-a-tunnel-route"] = account.CreateRoute,
            ["tunnel-route-update-a-tunnel-route"] = account.UpdateRoute,
            ["tunnel-route-delete-a-tunnel-route"] = account.DeleteRoute,
            ["tunnel-virtual-network-list-virtual-networks"] = account.ListVirtualNetworks,
            ["zero-trust-gateway-rules-list-zero-trust-gateway-rules"] = account.ListRules,
            ["zero-trust-gateway-rules-create-zero-trust-gateway-rule"] = account.CreateRule,
            ["zero-trust-gateway-rules-update-zero-trust-gateway-rule"] = account.UpdateRule,
            ["zero-trust-gateway-rules-delete-zero-trust-gateway-rule"] = account.DeleteRule,
        };
        var unhandled = contract.Operations.Select(o => o.OperationId).Where(id => !handlers.ContainsKey(id)).ToList();
        if (unhandled.Count > 0)
        {
            throw new InvalidOperationException($"The emulator has no handler for: {string.Join(", ", unhandled)}");
        }
    }

    public async Task HandleAsync(HttpContext context)
    {
        var arrived = time.GetUtcNow();
        var method = context.Request.Method;
        var path = context.Request.Path.Value ?? "/";
        var query = context.Request.QueryString.Value ?? string.Empty;
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var rawBody = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        var requestBody = rawBody.Length == 0 ? null : rawBody;

        var fault = faults.Take(method, path);
        if (fault?.LatencyMs is > 0)
        {
            try
            {
                await Task.Delay(fault.LatencyMs.Value, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The client gave up (e.g. its attempt timeout): journal it as an aborted request.
                journal.Add(seq => new JournalEntry(seq, arrived, method, path, query, requestBody, null, null, true));
                return;
            }
        }

        if (fault?.Abort == true)
        {
            journal.Add(seq => new JournalEntry(seq, arrived, method, path, query, requestBody, null, null, true));
            context.Abort();
            return;
        }

        var response = fault?.Status is { } status
            ? Injected(fault, status)
            : Process(method, path, context.Request.Query, context.Request.Headers.Authorization.ToString(), requestBody);

        var json = response.Body.ToJsonString();
        context.Response.StatusCode = response.Status;
        context.Response.ContentType = "application/json";
        if (response.RetryAfterSeconds is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        journal.Add(seq => new JournalEntry(seq, arrived, method, path, query, requestBody, response.Status, json, false));
        await context.Response.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }

    private static ApiResponse Injected(FaultRule fault, int status)
    {
        var (code, message) = status == 429
            ? (CloudflareCodes.RateLimited, "Please wait and consider throttling your request speed")
            : (fault.ErrorCode ?? 1000, $"Injected fault (HTTP {status})");
        return ApiResponse.Error(status, (code, message)) with { RetryAfterSeconds = fault.RetryAfterSeconds };
    }

    private ApiResponse Process(string method, string path, IQueryCollection rawQuery, string authorization, string? rawBody)
    {
        const string BearerPrefix = "Bearer ";
        if (!authorization.StartsWith(BearerPrefix, StringComparison.Ordinal) || authorization.Length == BearerPrefix.Length)
        {
            return new ApiResponse(400, ApiResponse.Failure(
            [
                new JsonObject
                {
                    ["code"] = 6003,
                    ["message"] = "Invalid request headers",
                    ["error_chain"] = new JsonArray(new JsonObject { ["code"] = 6111, ["message"] = "Invalid format for Authorization header" }),
                },
            ]));
        }

        var token = authorization[BearerPrefix.Length..].Trim();
        if (!options.Tokens.TryGetValue(token, out var readOnly))
        {
            return ApiResponse.Error(401, (10000, "Authentication error"));
        }

        if (readOnly && method != HttpMethods.Get)
        {
            return ApiResponse.Error(403, (10000, "Authentication error"));
        }

        if (budget.TryConsume(token) is { } wait)
        {
            return ApiResponse.Error(429, (CloudflareCodes.RateLimited, "Please wait and consider throttling your request speed"))
                with { RetryAfterSeconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) };
        }

        if (contract.FindOperation(method, path) is not { } found)
        {
            return ApiResponse.Error(400, (7003, $"Could not route to /client/v4{path}, perhaps your object identifier is invalid?"), (7000, "No route for that URI"));
        }

        var query = rawQuery.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var queryProblems = contract.ValidateQuery(found.Operation, query);
        if (queryProblems.Count > 0)
        {
            return Invalid(queryProblems);
        }

        JsonNode? body = null;
        if (found.Operation.RequestSchema is not null || rawBody is not null)
        {
            try
            {
                body = rawBody is null ? null : JsonNode.Parse(rawBody);
            }
            catch (JsonException)
            {
                return ApiResponse.Error(400, (6007, "Malformed JSON in request body"));
            }

            var bodyProblems = contract.ValidateRequestBody(found.Operation, body);
            if (bodyProblems.Count > 0)
            {
                return Invalid(bodyProblems);
            }
        }

        var request = new ApiRequest(found.Operation.OperationId, found.PathParameters, query, body);
        lock (store.Sync)
        {
            return handlers[found.Operation.OperationId](request);
        }
    }

    // The subset gives no code for schema violations; 1001 is the emulator's (documented) choice, the 400 is what matters.
    private static ApiResponse Invalid(IReadOnlyList<string> problems) =>
        ApiResponse.Error(400, [.. problems.Take(5).Select(p => (1001, $"Invalid request: {p}"))]);
}

internal static class CloudflareCodes
{
    public const int RateLimited = 971;
}
