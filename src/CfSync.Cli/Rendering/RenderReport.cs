using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Core.Aggregation;
using CfSync.Core.Resources;
using CfSync.Core.Sources;

namespace CfSync.Cli.Rendering;

/// <summary>One resource as <c>cfsync render</c> shows it.</summary>
internal sealed record RenderedResource(
    ResourceIdentity Resource,
    ResourceScope Scope,
    string? DesiredJson,
    string? ConfigHash,
    IReadOnlyList<SourceOutcome> Sources);

/// <summary>
/// Everything <c>cfsync render</c> prints: resources by type then id, each with its sources by key; sources whose
/// resource could not be resolved at all are listed under <c>unresolved</c>.
/// </summary>
internal sealed record RenderReport(IReadOnlyList<RenderedResource> Resources, IReadOnlyList<SourceOutcome> Unresolved)
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public bool AllAccepted =>
        Unresolved.Count == 0 && Resources.All(r => r.Sources.All(s => s.Status == SourceStatus.Accepted));

    public string ToJson()
    {
        var document = new JsonObject
        {
            ["resources"] = new JsonArray(Resources.Select(ToJson).ToArray<JsonNode?>()),
            ["unresolved"] = new JsonArray(Unresolved.Select(ToJson).ToArray<JsonNode?>()),
        };
        return document.ToJsonString(Indented);
    }

    private static JsonObject ToJson(RenderedResource resource) => new()
    {
        ["resourceType"] = resource.Resource.ResourceType.ToString(),
        ["cloudflareId"] = resource.Resource.CloudflareId,
        ["accountId"] = resource.Scope.AccountId,
        ["zoneId"] = resource.Scope.ZoneId,
        ["desired"] = resource.DesiredJson is null ? null : JsonNode.Parse(resource.DesiredJson),
        ["configHash"] = resource.ConfigHash,
        ["sources"] = new JsonArray(resource.Sources.Select(ToJson).ToArray<JsonNode?>()),
    };

    private static JsonObject ToJson(SourceOutcome outcome) => new()
    {
        ["kind"] = outcome.Source.Kind,
        ["namespace"] = outcome.Source.Namespace,
        ["name"] = outcome.Source.Name,
        ["status"] = outcome.Status.ToString(),
        ["reasons"] = new JsonArray(outcome.Reasons.Select(r => (JsonNode?)r).ToArray()),
    };
}
