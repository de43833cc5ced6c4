using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Core.Sources;
using CfSync.Core.Text;
using CfSync.Translation.Manifests;
using CfSync.Translation.Models;
using CfSync.Translation.Translators;

namespace CfSync.Translation;

/// <summary>
/// Kubernetes object -> fragments. Kinds we only look up (Service, IngressClass, Gateway, the class configs, ...),
/// kinds that are not ours and objects being deleted translate to nothing.
/// </summary>
public static class ObjectTranslator
{
    private static readonly Dictionary<GroupKind, IKindTranslator> Translators = new()
    {
        [Kinds.Tunnel] = new TunnelTranslator<Tunnel>(),
        [Kinds.ClusterTunnel] = new TunnelTranslator<ClusterTunnel>(),
        [Kinds.Ingress] = new IngressTranslator(),
        [Kinds.HttpRoute] = new HttpRouteTranslator(),
        [Kinds.TunnelBinding] = new TunnelBindingTranslator(),
        [new GroupKind(TunnelBindingTranslator.OriginalOperatorGroup, Kinds.TunnelBinding.Kind)] = new TunnelBindingTranslator(),
        [Kinds.DnsRecord] = new DnsRecordTranslator(),
        [Kinds.AccessApplication] = new AccessApplicationTranslator(),
        [Kinds.NetworkRoute] = new NetworkRouteTranslator(),
        [Kinds.GatewayRule] = new GatewayRuleTranslator(),
    };

    public static TranslationResult Translate(JsonObject obj, IClusterView view)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(view);
        var apiVersion = (string?)obj["apiVersion"] ?? "";
        var kind = new GroupKind(GroupKind.GroupOf(apiVersion), (string?)obj["kind"] ?? "");
        var metadata = obj["metadata"] as JsonObject;
        if (!Translators.TryGetValue(kind, out var translator) || metadata?["deletionTimestamp"] is not null)
        {
            return TranslationResult.Empty;
        }

        var source = new Source(kind.Kind, translator.ClusterScoped ? null : (string?)metadata?["namespace"] ?? "default", (string?)metadata?["name"] ?? "");
        var version = apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..];
        if (!translator.Versions.Contains(version))
        {
            return Rejected(source, $"apiVersion: '{Quote.Of(apiVersion)}' is not supported (use {string.Join(" or ", translator.Versions.Select(v => $"{kind.Group}/{v}"))})");
        }

        try
        {
            return translator.Translate(obj, view);
        }
        catch (JsonException e)
        {
            // A field of the wrong type (in this object or one it references) is the user's to fix, not a crash.
            return Rejected(source, e.Path is { } path ? $"{Quote.Of(path.TrimStart('$', '.'))}: has the wrong type" : e.Message);
        }
    }

    private static TranslationResult Rejected(Source source, string reason) =>
        new([], [new Rejection(source, null, null, $"{source.Key}: {reason}")]);
}
