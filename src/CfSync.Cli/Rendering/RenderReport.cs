using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Core.Aggregation;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Translation;
using CfSync.Translation.Manifests;

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
/// resource could not be resolved at all are listed under <c>unresolved</c>, and the kinds CfSync does not read under
/// <c>ignored</c>, so that nothing in the manifests goes unmentioned.
/// </summary>
internal sealed record RenderReport(IReadOnlyList<RenderedResource> Resources, IReadOnlyList<SourceOutcome> Unresolved)
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public IReadOnlyList<IgnoredKind> Ignored { get; init; } = [];

    public bool AllAccepted =>
        Unresolved.Count == 0 && Resources.All(r => r.Sources.All(s => s.Status == SourceStatus.Accepted));

    /// <summary>A warning on any source, or a tunnel shown under its pending identity: what <c>--strict</c> fails on.</summary>
    public bool HasWarningsOrPending =>
        Resources.Any(r => TunnelIds.IsPending(r.Resource)) || AllSources.Any(s => s.Warnings.Count > 0);

    private IEnumerable<SourceOutcome> AllSources => Resources.SelectMany(r => r.Sources).Concat(Unresolved);

    public JsonObject ToJsonNode() => new()
    {
        ["resources"] = new JsonArray(Resources.Select(ToJson).ToArray<JsonNode?>()),
        ["unresolved"] = new JsonArray(Unresolved.Select(ToJson).ToArray<JsonNode?>()),
        ["ignored"] = new JsonArray(Ignored.Select(i => (JsonNode?)new JsonObject
        {
            ["apiVersion"] = i.ApiVersion,
            ["kind"] = i.Kind,
            ["count"] = i.Count,
        }).ToArray()),
    };

    public string ToJson() => ToJsonNode().ToJsonString(Indented);

    public static string ToJson(JsonNode node) => node.ToJsonString(Indented);

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
        ["warnings"] = new JsonArray(outcome.Warnings.Select(w => (JsonNode?)w).ToArray()),
    };
}
