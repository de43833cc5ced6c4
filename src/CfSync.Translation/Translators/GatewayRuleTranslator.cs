using System.Text.Json.Nodes;
using CfSync.Core.Objects;
using CfSync.Core.Resources;
using CfSync.Translation.Manifests;
using CfSync.Translation.Models;

namespace CfSync.Translation.Translators;

/// <summary>
/// GatewayRule -> the Zero Trust Gateway rule body. rule_settings and schedule are renamed to snake_case
/// (add_headers keeps its header names), then the few settings whose API names are not the CRD's snake_case
/// are renamed to what Cloudflare takes.
/// </summary>
internal sealed class GatewayRuleTranslator : IKindTranslator
{
    public IReadOnlyCollection<string> Versions { get; } = ["v1alpha2"];

    public bool ClusterScoped => true;

    public TranslationResult Translate(JsonObject obj, IClusterView view)
    {
        var rule = ModelJson.Read<GatewayRule>(obj);
        var context = SourceContext.Of("GatewayRule", rule.Metadata, ClusterScoped);
        var spec = rule.Spec ?? new GatewayRuleSpec();
        var name = string.IsNullOrEmpty(spec.Name) ? rule.Metadata.Name : spec.Name;
        var body = new JsonBody()
            .Add("name", name)
            .Add("description", spec.Description)
            .Add("action", spec.Action)
            .Add("enabled", spec.Enabled)
            .Add("filters", spec.Filters)
            .Add("traffic", spec.Traffic)
            .Add("identity", spec.Identity)
            .Add("device_posture", spec.DevicePosture)
            .Add("precedence", spec.Precedence)
            .Add("rule_settings", RuleSettings(spec.RuleSettings))
            .Add("schedule", JsonNaming.SnakeCaseKeys(spec.Schedule));
        var identity = new ResourceIdentity(ResourceType.GatewayRules, NaturalKeys.GatewayRule(name));
        var result = context.Registered(identity, new ResourceScope(spec.Cloudflare?.AccountId), new ObjectFragment(ResourceType.GatewayRules, body.Object) { Adopt = Annotations.Adopts(rule.Metadata) });
        return UnappliedFields.In(obj, "spec", ["expiration"], "the rule does not expire") is { } unapplied
            ? result with { Warnings = [context.Warn(unapplied, identity)] }
            : result;
    }

    private static JsonObject? RuleSettings(JsonObject? settings)
    {
        if (JsonNaming.SnakeCaseKeys(settings, "add_headers") is not JsonObject converted)
        {
            return null;
        }

        Rename(converted, "l4_override", "l4override");
        if (converted["notification_settings"] is JsonObject notification)
        {
            Rename(notification, "message", "msg");
        }

        if (converted["untrusted_certificate_action"] is { } action)
        {
            converted.Remove("untrusted_certificate_action");
            converted["untrusted_cert"] = new JsonObject { ["action"] = action };
        }

        return converted;
    }

    private static void Rename(JsonObject obj, string from, string to)
    {
        if (obj[from] is { } value)
        {
            obj.Remove(from);
            obj[to] = value;
        }
    }
}
