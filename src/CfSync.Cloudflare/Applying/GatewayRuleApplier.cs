using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Cloudflare.Models;
using CfSync.Cloudflare.Ownership;
using CfSync.Core.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CfSync.Cloudflare.Applying;

/// <summary>
/// Zero Trust Gateway rules, found by name; the ownership marker follows the user's text in <c>description</c>.
/// Rules are listed whole (the endpoint is unpaginated); updates are PUT.
/// </summary>
internal sealed class GatewayRuleApplier(CloudflareClient client, IOptions<CloudflareOptions> options, ILogger<GatewayRuleApplier> logger)
    : OneToOneApplier<string>(options, logger)
{
    private static readonly NormalForm Form = new(
        ["name", "description", "action", "enabled", "filters", "traffic", "identity", "device_posture", "precedence", "rule_settings", "schedule"],
        new HashSet<string>(StringComparer.Ordinal) { "precedence" },
        new HashSet<string>(StringComparer.Ordinal) { "filters" },
        new HashSet<string>(StringComparer.Ordinal));

    private const string MarkerField = "description";

    public override ResourceType ResourceType => ResourceType.GatewayRules;

    protected override string Noun => "Gateway rule";

    protected override NormalForm NormalForm => Form;

    protected override Task<Target> TargetAsync(string accountId, ResourceIdentity resource, JsonObject? desired, CancellationToken cancellationToken) =>
        Task.FromResult(new Target(desired, desired?["name"]?.GetValue<string>() ?? resource.CloudflareId));

    protected override async Task<JsonObject?> GetAsync(string accountId, string id, CancellationToken cancellationToken) =>
        (await ListAsync(accountId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r["id"]?.GetValue<string>() == id);

    protected override async Task<IReadOnlyList<JsonObject>> FindAsync(string accountId, string key, CancellationToken cancellationToken) =>
        [.. (await ListAsync(accountId, cancellationToken).ConfigureAwait(false)).Where(r => r["name"]?.GetValue<string>() == key)];

    protected override async Task<string> CreateAsync(string accountId, JsonObject body, CancellationToken cancellationToken) =>
        (await client.Gateway.CreateAsync(accountId, Request(body), cancellationToken).ConfigureAwait(false)).Id;

    protected override Task UpdateAsync(string accountId, string id, JsonObject body, CancellationToken cancellationToken) =>
        client.Gateway.UpdateAsync(accountId, id, Request(body), cancellationToken);

    protected override Task<DeleteOutcome> DeleteAsync(string accountId, string id, CancellationToken cancellationToken) =>
        client.Gateway.DeleteAsync(accountId, id, cancellationToken);

    protected override JsonObject Mark(JsonObject body, string ownerId, string resource) =>
        MarkedText.Mark(body, MarkerField, new OwnershipMarker(ownerId, resource));

    protected override string? OwnerOf(JsonObject current) => MarkedText.OwnerOf(current, MarkerField);

    protected override string Describe(JsonObject current) => $"'{current["name"]}'";

    private static GatewayRuleRequest Request(JsonObject body) => body.Deserialize<GatewayRuleRequest>(CloudflareJson.Options)!;

    private async Task<IReadOnlyList<JsonObject>> ListAsync(string accountId, CancellationToken cancellationToken) =>
        [.. (await client.Gateway.ListAsync(accountId, cancellationToken).ConfigureAwait(false))
            .Where(r => r.DeletedAt is null)
            .Select(r => JsonSerializer.SerializeToNode(r, CloudflareJson.Options)!.AsObject())];
}
