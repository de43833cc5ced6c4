using System.Text.Json.Nodes;
using CfSync.Core.Text;
using CfSync.Core.Tunnels;
using CfSync.Translation.Manifests;
using CfSync.Translation.Models;

namespace CfSync.Translation.Translators;

/// <summary>
/// networking.k8s.io/v1 Ingress of our class -> one IngressRulesFragment for the class's tunnel: host x path rules,
/// then one path-less rule per named host for spec.defaultBackend; and the rules' hostnames for the tunnel's DNS
/// records (<see cref="HostnameRecords"/>). Any invalid rule rejects the whole Ingress, so a source is never half
/// applied.
/// </summary>
internal sealed class IngressTranslator : IKindTranslator
{
    public const string BackendProtocolAnnotation = "cloudflare-operator.io/backend-protocol";

    public IReadOnlyCollection<string> Versions { get; } = ["v1"];

    public bool ClusterScoped => false;

    public TranslationResult Translate(JsonObject obj, IClusterView view)
    {
        var ingress = ModelJson.Read<Ingress>(obj);
        var context = SourceContext.Of("Ingress", ingress.Metadata, ClusterScoped);
        var selection = IngressClassSelector.Select(ingress, view);
        if (selection.Problem is { } classProblem)
        {
            return context.Rejected(classProblem);
        }

        if (selection.Value is not { } selected || !WatchNamespaces.Includes(selected.Config.Spec?.WatchNamespaces, context.Namespace))
        {
            return TranslationResult.Empty;
        }

        var config = selected.Config.Spec ?? new TunnelIngressClassConfigSpec();
        var tunnel = TunnelResolver.Resolve(view, config.TunnelRef, "spec.tunnelRef", selected.Config.Metadata.Namespace);
        if (tunnel.Value is not { } target)
        {
            return context.Rejected(new Problem(selected.Field, $"{selected.Path}: {tunnel.Problem}"));
        }

        var origin = OriginRequestConverter.Convert(config.DefaultOriginRequest, "spec.defaultOriginRequest");
        var problems = new List<Problem>();
        if (origin.Problem is { } originProblem)
        {
            problems.Add(new Problem(selected.Field, $"{selected.Path}: {originProblem}"));
        }

        var backends = new BackendResolver(view, context.Namespace!, ingress.Metadata.Annotation(BackendProtocolAnnotation), config.DefaultProtocol);
        var rules = Rules(ingress.Spec ?? new IngressSpec(), backends, origin.Value, problems);
        var warnings = backends.Warnings.Select(w => context.Warn(w, target.Resource)).ToList();
        if (problems.Count > 0)
        {
            return new TranslationResult([], problems.Select(p => context.Reject(p, target.Resource, target.Scope)).ToList()) { Warnings = warnings };
        }

        var dns = HostnameRecords.For(context, ingress.Metadata, target, rules,
            new DnsSettings(config.DnsManagement, config.DnsProxied, p => new Problem(selected.Field, $"{selected.Path}: {p}")));
        return new TranslationResult([context.Register(target.Resource, target.Scope, new IngressRulesFragment(rules)), .. dns.Registrations], [])
        {
            Warnings = [.. warnings, .. dns.WarningsOf(context)],
        };
    }

    private static List<IngressRule> Rules(IngressSpec spec, BackendResolver backends, OriginRequest? origin, List<Problem> problems)
    {
        var rules = new List<IngressRule>();
        var specRules = spec.Rules ?? [];
        for (var r = 0; r < specRules.Count; r++)
        {
            var host = string.IsNullOrEmpty(specRules[r].Host) ? null : specRules[r].Host;
            var paths = specRules[r].Http?.Paths ?? [];
            for (var p = 0; p < paths.Count; p++)
            {
                var field = $"spec.rules[{r}].http.paths[{p}]";
                var known = problems.Count;
                var path = PathPattern(paths[p], field, problems);
                if (backends.Url(paths[p].Backend, $"{field}.backend", problems) is { } service && problems.Count == known)
                {
                    var rule = new IngressRule(host, path, service, origin);
                    RuleChecks.Check(rule, new RuleFields($"spec.rules[{r}].host", $"{field}.path", $"{field}.backend"), problems);
                    rules.Add(rule);
                }
            }
        }

        if (spec.DefaultBackend is not null)
        {
            // Each named host once, with the index of the first rule naming it, for the reasons.
            var hosts = specRules.Select((rule, index) => (rule.Host, Index: index))
                .Where(h => !string.IsNullOrEmpty(h.Host)).DistinctBy(h => h.Host, StringComparer.Ordinal).ToList();
            if (hosts.Count == 0)
            {
                problems.Add(new Problem("spec.defaultBackend", "an Ingress without host rules would capture every host of the tunnel; set the tunnel's spec.fallbackTarget instead"));
            }
            else if (backends.Url(spec.DefaultBackend, "spec.defaultBackend", problems) is { } fallback)
            {
                foreach (var (host, index) in hosts)
                {
                    var rule = new IngressRule(host, null, fallback, origin);
                    RuleChecks.Check(rule, new RuleFields($"spec.rules[{index}].host", "spec.defaultBackend", "spec.defaultBackend"), problems);
                    rules.Add(rule);
                }
            }
        }

        return rules;
    }

    // Prefix and ImplementationSpecific both mean element-wise prefix here; a missing path is "/". Kubernetes requires
    // an absolute path for every path type; a relative one would become a regex that can never match.
    private static string? PathPattern(HttpIngressPath path, string field, List<Problem> problems)
    {
        var value = string.IsNullOrEmpty(path.Path) ? "/" : path.Path;
        if (!value.StartsWith('/'))
        {
            problems.Add(new Problem($"{field}.path", $"'{Quote.Of(value)}' must be an absolute path, starting with /"));
            return null;
        }

        switch (path.PathType)
        {
            case "Exact":
                return PathPatterns.Exact(value);
            case "Prefix" or "ImplementationSpecific" or null:
                return PathPatterns.Prefix(value);
            default:
                problems.Add(new Problem($"{field}.pathType", $"'{Quote.Of(path.PathType)}' must be Exact, Prefix or ImplementationSpecific"));
                return null;
        }
    }

    /// <summary>An Ingress backend to a service URL; the Ingress annotation and class default feed the scheme.</summary>
    private sealed class BackendResolver(IClusterView view, string ns, string? annotatedScheme, string? defaultScheme)
    {
        /// <summary>Assumptions made for backends whose Service is not known.</summary>
        public List<Problem> Warnings { get; } = [];

        public string? Url(IngressBackend? backend, string field, List<Problem> problems)
        {
            if (backend?.Resource is not null)
            {
                problems.Add(new Problem($"{field}.resource", "resource backends are not supported: cloudflared forwards only to a Service"));
                return null;
            }

            if (backend?.Service is not { } service)
            {
                problems.Add(new Problem(field, "a service backend is required"));
                return null;
            }

            var portField = service.Port?.Number is not null ? $"{field}.service.port.number" : $"{field}.service.port.name";
            var url = ServiceBackends.Url(
                view, ns, service.Name, $"{field}.service.name", new BackendPortRef(service.Port?.Number, service.Port?.Name, portField), annotatedScheme, defaultScheme, Warnings);
            if (url.Problem is { } problem)
            {
                problems.Add(problem);
            }

            return url.Value;
        }
    }
}

/// <summary>A class config's watchNamespaces: empty means every namespace.</summary>
internal static class WatchNamespaces
{
    public static bool Includes(IReadOnlyList<string>? watched, string? ns) =>
        watched is null || watched.Count == 0 || (ns is not null && watched.Contains(ns));
}
