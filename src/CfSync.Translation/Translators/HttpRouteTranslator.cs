using System.Text.Json.Nodes;
using CfSync.Core.Text;
using CfSync.Core.Tunnels;
using CfSync.Translation.Manifests;
using CfSync.Translation.Models;

namespace CfSync.Translation.Translators;

/// <summary>
/// gateway.networking.k8s.io/v1 HTTPRoute -> one IngressRulesFragment per tunnel its parents lead to:
/// hostnames x matches, one Service backend per rule; and the hostnames for the DNS records of the first of those
/// tunnels whose class manages DNS (<see cref="HostnameRecords"/>). cloudflared routes on hostname and path only and
/// cannot split traffic, so header/query/method matches, filters and weighted backends are rejected.
/// </summary>
internal sealed class HttpRouteTranslator : IKindTranslator
{
    public IReadOnlyCollection<string> Versions { get; } = ["v1"];

    public bool ClusterScoped => false;

    public TranslationResult Translate(JsonObject obj, IClusterView view)
    {
        var route = ModelJson.Read<HttpRoute>(obj);
        var context = SourceContext.Of("HTTPRoute", route.Metadata, ClusterScoped);
        var ns = context.Namespace!;
        var spec = route.Spec ?? new HttpRouteSpec();

        var rejections = new List<Rejection>();
        var warnings = new List<Problem>();
        var targets = new List<(ResolvedTunnel Tunnel, GatewayParent Parent, string Field)>();
        var parents = spec.ParentRefs ?? [];
        for (var i = 0; i < parents.Count; i++)
        {
            var field = $"spec.parentRefs[{i}]";
            var parent = GatewayParentResolver.Resolve(view, parents[i], ns, field);
            if (parent.Problem is { } parentProblem)
            {
                rejections.Add(context.Reject(parentProblem));
                continue;
            }

            if (parent.Value is not { } ours || !WatchNamespaces.Includes(ours.Config.Spec?.WatchNamespaces, ns))
            {
                continue;
            }

            if (!string.IsNullOrEmpty(parents[i].SectionName))
            {
                warnings.Add(new Problem($"{field}.sectionName", $"not applied yet; the route is attached to every listener of {ObjectDescription.Of("Gateway", parents[i].Namespace ?? ns, parents[i].Name)}"));
            }

            var tunnel = TunnelResolver.Resolve(view, ours.Config.Spec?.TunnelRef, "spec.tunnelRef", ours.Config.Metadata.Namespace);
            if (tunnel.Value is { } resolved)
            {
                targets.Add((resolved, ours, field));
            }
            else
            {
                rejections.Add(context.Reject(new Problem(field, $"{ours.Path}: {tunnel.Problem}")));
            }
        }

        var problems = new List<Problem>();
        var rules = Rules(spec, view, ns, problems, warnings);
        var registrations = new List<Registration>();
        var dnsWarnings = new List<Warning>();
        ResolvedTunnel? recordsTunnel = null;
        foreach (var group in targets.GroupBy(t => t.Tunnel.Resource))
        {
            var (tunnel, parent, parentField) = group.First();
            var origin = OriginRequestConverter.Convert(parent.Config.Spec?.DefaultOriginRequest, "spec.defaultOriginRequest");
            var tunnelProblems = origin.Problem is { } originProblem
                ? problems.Prepend(new Problem("spec.parentRefs", $"{parent.Path}: {originProblem}"))
                : problems;
            if (tunnelProblems.Any())
            {
                rejections.AddRange(tunnelProblems.Select(p => context.Reject(p, tunnel.Resource, tunnel.Scope)));
                continue;
            }

            var fragment = new IngressRulesFragment(rules.Select(r => r with { OriginRequest = origin.Value }).ToList());
            registrations.Add(context.Register(tunnel.Resource, tunnel.Scope, fragment));

            // A name has one CNAME: the first tunnel (in parentRefs order) whose class manages DNS gets the records.
            if (recordsTunnel is not null)
            {
                if (fragment.Rules.Any(r => r.Hostname is not null))
                {
                    warnings.Add(new Problem(parentField, $"{parent.Path}: the route's hostnames have their DNS records to tunnel {Quote.Of(recordsTunnel.Resource.CloudflareId)} (an earlier parentRef); a hostname points at one tunnel, so this one serves them without records"));
                }

                continue;
            }

            var dns = HostnameRecords.For(context, route.Metadata, tunnel, fragment.Rules,
                new DnsSettings(parent.Config.Spec?.DnsManagement, parent.Config.Spec?.DnsProxied, p => new Problem(parentField, $"{parent.Path}: {p}")));
            registrations.AddRange(dns.Registrations);
            dnsWarnings.AddRange(dns.WarningsOf(context));
            recordsTunnel = dns.Registration is null ? null : tunnel;
        }

        // A warning concerns every tunnel the route reaches, so it names no resource.
        return new TranslationResult(registrations, rejections) { Warnings = [.. warnings.Select(w => context.Warn(w)), .. dnsWarnings] };
    }

    private static List<IngressRule> Rules(HttpRouteSpec spec, IClusterView view, string ns, List<Problem> problems, List<Problem> warnings)
    {
        IReadOnlyList<(string? Name, string Field)> hostnames = spec.Hostnames is { Count: > 0 } named
            ? [.. named.Select((name, h) => ((string?)name, $"spec.hostnames[{h}]"))]
            : [(null, "spec.hostnames")];
        var rules = new List<IngressRule>();
        var specRules = spec.Rules ?? [];
        for (var r = 0; r < specRules.Count; r++)
        {
            var field = $"spec.rules[{r}]";
            if (specRules[r].Filters is { Count: > 0 })
            {
                problems.Add(new Problem($"{field}.filters", "filters are not supported: cloudflared routes on hostname and path only"));
            }

            var service = Backend(specRules[r].BackendRefs ?? [], view, ns, $"{field}.backendRefs", problems, warnings);
            IReadOnlyList<HttpRouteMatch> matches = specRules[r].Matches is { Count: > 0 } given ? given : [new HttpRouteMatch()];
            for (var m = 0; m < matches.Count; m++)
            {
                var known = problems.Count;
                var path = PathPattern(matches[m], $"{field}.matches[{m}]", problems);
                if (service is null || problems.Count > known)
                {
                    continue;
                }

                foreach (var (host, hostField) in hostnames)
                {
                    var rule = new IngressRule(host, path, service);
                    RuleChecks.Check(rule, new RuleFields(hostField, $"{field}.matches[{m}].path.value", $"{field}.backendRefs"), problems);
                    rules.Add(rule);
                }
            }
        }

        return rules;
    }

    private static string? PathPattern(HttpRouteMatch match, string field, List<Problem> problems)
    {
        if (match.Headers is { Count: > 0 })
        {
            problems.Add(new Problem($"{field}.headers", "header matches are not supported: cloudflared routes on hostname and path only"));
        }

        if (match.QueryParams is { Count: > 0 })
        {
            problems.Add(new Problem($"{field}.queryParams", "query parameter matches are not supported: cloudflared routes on hostname and path only"));
        }

        if (!string.IsNullOrEmpty(match.Method))
        {
            problems.Add(new Problem($"{field}.method", "method matches are not supported: cloudflared routes on hostname and path only"));
        }

        var value = string.IsNullOrEmpty(match.Path?.Value) ? "/" : match.Path.Value;
        switch (match.Path?.Type ?? "PathPrefix")
        {
            case "Exact":
                return PathPatterns.Exact(value);
            case "PathPrefix":
                return PathPatterns.Prefix(value);
            case "RegularExpression":
                // Passed through; the core validates it as RE2, as cloudflared will.
                return value;
            default:
                problems.Add(new Problem($"{field}.path.type", $"'{Quote.Of(match.Path?.Type)}' must be Exact, PathPrefix or RegularExpression"));
                return null;
        }
    }

    private static string? Backend(IReadOnlyList<HttpBackendRef> refs, IClusterView view, string ns, string field, List<Problem> problems, List<Problem> warnings)
    {
        var active = refs.Select((Ref, Index) => (Ref, Index)).Where(b => (b.Ref.Weight ?? 1) != 0).ToList();
        if (active.Count != 1)
        {
            problems.Add(new Problem(field, active.Count == 0
                ? "exactly one Service backend is required"
                : $"{active.Count} backends with non-zero weight: cloudflared cannot split traffic, use exactly one"));
            return null;
        }

        var (backend, index) = active[0];
        var backendField = $"{field}[{index}]";
        if ((backend.Group ?? "") != "" || (backend.Kind ?? "Service") != "Service")
        {
            problems.Add(new Problem(backendField, $"only Service backends are supported, not {Quote.Of(backend.Kind)} in group '{Quote.Of(backend.Group)}'"));
            return null;
        }

        if (backend.Filters is { Count: > 0 })
        {
            problems.Add(new Problem($"{backendField}.filters", "filters are not supported: cloudflared routes on hostname and path only"));
        }

        if (backend.Port is null)
        {
            problems.Add(new Problem($"{backendField}.port", "is required for a Service backend"));
            return null;
        }

        var backendNamespace = string.IsNullOrEmpty(backend.Namespace) ? ns : backend.Namespace;
        var url = ServiceBackends.Url(view, backendNamespace, backend.Name, $"{backendField}.name", new BackendPortRef(backend.Port, null, $"{backendField}.port"), null, null, warnings);
        if (url.Problem is { } problem)
        {
            problems.Add(problem);
        }

        return url.Value;
    }
}
