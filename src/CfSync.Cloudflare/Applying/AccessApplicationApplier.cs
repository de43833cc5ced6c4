using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Core.Resources;
using CfSync.Sync.Activities;
using CfSync.Sync.Orchestrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CfSync.Cloudflare.Applying;

/// <summary>
/// Access applications, found by domain (by name for types without one), with their embedded policies. An application
/// has no free-text field, so the ownership marker is the tag <c>cfsync-&lt;owner id&gt;</c> (real Cloudflare needs that
/// tag to exist in the account). An application whose domain nothing serves yet (400, code 12130) waits and retries:
/// the tunnel or DNS sync that serves it is usually only seconds behind.
/// </summary>
internal sealed class AccessApplicationApplier(CloudflareClient client, IOptions<CloudflareOptions> options, ILogger<AccessApplicationApplier> logger)
    : OneToOneApplier<AccessApplicationApplier.AppKey>(options, logger)
{
    private const string TagPrefix = "cfsync-";
    private const string NameKeyPrefix = "name:";

    /// <summary>How long an application whose domain is not served yet waits before the next attempt.</summary>
    public static readonly TimeSpan DomainWait = TimeSpan.FromSeconds(5);

    private static readonly NormalForm Form = new(
        [
            "name", "domain", "type", "session_duration", "app_launcher_visible", "auto_redirect_to_identity", "allowed_idps",
            "allow_authenticate_via_warp", "custom_deny_message", "custom_deny_url", "custom_non_identity_deny_url",
            "enable_binding_cookie", "http_only_cookie_attribute", "same_site_cookie_attribute", "logo_url", "skip_interstitial",
            "options_preflight_bypass", "service_auth_401_redirect", "path_cookie_attribute", "tags", "self_hosted_domains",
            "cors_headers", "policies",
        ],
        new HashSet<string>(StringComparer.Ordinal) { "type", "session_duration", "app_launcher_visible", "http_only_cookie_attribute", "self_hosted_domains", "policies" },
        new HashSet<string>(StringComparer.Ordinal) { "tags", "allowed_idps" },
        new HashSet<string>(StringComparer.Ordinal) { "domain" });

    public override ResourceType ResourceType => ResourceType.AccessApplication;

    protected override string Noun => "Access application";

    protected override NormalForm NormalForm => Form;

    protected override Task<Target> TargetAsync(string accountId, ResourceIdentity resource, JsonObject? desired, CancellationToken cancellationToken)
    {
        var key = desired is not null
            ? new AppKey(desired["domain"]?.GetValue<string>(), desired["name"]?.GetValue<string>())
            : resource.CloudflareId.StartsWith(NameKeyPrefix, StringComparison.Ordinal)
                ? new AppKey(null, resource.CloudflareId[NameKeyPrefix.Length..])
                : new AppKey(resource.CloudflareId, null);
        return Task.FromResult(new Target(desired, key));
    }

    protected override async Task<JsonObject?> GetAsync(string accountId, string id, CancellationToken cancellationToken)
    {
        await foreach (var app in client.Access.ListAllAsync(accountId, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (app.Id == id)
            {
                return Json(app);
            }
        }

        return null;
    }

    protected override async Task<IReadOnlyList<JsonObject>> FindAsync(string accountId, AppKey key, CancellationToken cancellationToken)
    {
        var query = key.Domain is { } domain ? new Models.AccessApplicationQuery(Domain: domain) : new Models.AccessApplicationQuery(Name: key.Name);
        var found = new List<JsonObject>();
        await foreach (var app in client.Access.ListAllAsync(accountId, query, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var same = key.Domain is { } wanted
                ? string.Equals(app.Domain, wanted, StringComparison.OrdinalIgnoreCase)
                : string.IsNullOrEmpty(app.Domain) && app.Name == key.Name;
            if (same)
            {
                found.Add(Json(app));
            }
        }

        return found;
    }

    protected override async Task<string> CreateAsync(string accountId, JsonObject body, CancellationToken cancellationToken) =>
        (await client.Access.CreateAsync(accountId, body, cancellationToken).ConfigureAwait(false)).Id;

    protected override Task UpdateAsync(string accountId, string id, JsonObject body, CancellationToken cancellationToken) =>
        client.Access.UpdateAsync(accountId, id, body, cancellationToken);

    protected override Task<DeleteOutcome> DeleteAsync(string accountId, string id, CancellationToken cancellationToken) =>
        client.Access.DeleteAsync(accountId, id, cancellationToken);

    protected override JsonObject Mark(JsonObject body, string ownerId, string resource)
    {
        var marked = body.DeepClone().AsObject();
        var tags = Tags(body).Where(t => !t.StartsWith(TagPrefix, StringComparison.Ordinal)).Append(TagPrefix + ownerId);
        marked["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)t)]);
        return marked;
    }

    protected override string? OwnerOf(JsonObject current) =>
        Tags(current).FirstOrDefault(t => t.StartsWith(TagPrefix, StringComparison.Ordinal))?[TagPrefix.Length..];

    protected override string Describe(JsonObject current) =>
        current["domain"] is { } domain ? $"'{current["name"]}' ({domain})" : $"'{current["name"]}'";

    protected override ApplyResult Failed(CloudflareApiException failure, ApplyRequest request)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (failure.StatusCode == System.Net.HttpStatusCode.BadRequest && failure.HasErrorCode(CloudflareErrorCodes.AccessInvalidRequest))
        {
            return new ApplyResult(
                false,
                ApplyFailure.Transient,
                $"Access application {request.Resource.CloudflareId} waits for its domain to be served (a tunnel's hostname or a DNS record of the account): {failure.Message}",
                RetryAfter: DomainWait);
        }

        return base.Failed(failure, request);
    }

    private static IEnumerable<string> Tags(JsonObject obj) =>
        obj["tags"] is JsonArray tags ? tags.Select(t => t?.GetValue<string>()).OfType<string>() : [];

    private static JsonObject Json(Models.AccessApplication app) => JsonSerializer.SerializeToNode(app, CloudflareJson.Options)!.AsObject();

    /// <summary>An application's natural key: its domain, or its name when it has none.</summary>
    internal sealed record AppKey(string? Domain, string? Name);
}
