using System.Text.Json.Nodes;
using CfSync.Core.Text;
using CfSync.Core.Tunnels;
using CfSync.Translation.Manifests;
using CfSync.Translation.Models;

namespace CfSync.Translation.Translators;

/// <summary>
/// v1alpha1 TunnelBinding -> one IngressRulesFragment: one rule per subject. Hostname from spec.fqdn or
/// name.domain (the tunnel's spec.cloudflare.domain); service from spec.target or the Service's port;
/// the path is the subject's regex as given; and the hostnames for the tunnel's DNS records (<see cref="HostnameRecords"/>),
/// unless tunnelRef.disableDNSUpdates, which wins over the annotation. Any invalid subject rejects the whole binding. Read the same in our
/// group and in the original operator's (<see cref="OriginalOperatorGroup"/>), whose users have many of them.
/// </summary>
internal sealed class TunnelBindingTranslator : IKindTranslator
{
    /// <summary>The group of the operator CfSync replaces; its TunnelBinding has the same shape as ours.</summary>
    public const string OriginalOperatorGroup = "networking.cfargotunnel.com";

    private const string DisableDnsField = "tunnelRef.disableDNSUpdates";

    public IReadOnlyCollection<string> Versions { get; } = ["v1alpha1"];

    public bool ClusterScoped => false;

    public TranslationResult Translate(JsonObject obj, IClusterView view)
    {
        var binding = ModelJson.Read<TunnelBinding>(obj);
        var context = SourceContext.Of("TunnelBinding", binding.Metadata, ClusterScoped);
        var ns = context.Namespace!;
        if (obj["spec"] is JsonObject spec && (spec.ContainsKey("subjects") || spec.ContainsKey("tunnelRef")))
        {
            return context.Rejected(new Problem(spec.ContainsKey("subjects") ? "spec.subjects" : "spec.tunnelRef",
                "a TunnelBinding has subjects and tunnelRef at the top level, not under spec: move them out of spec"));
        }

        var tunnel = TunnelResolver.Resolve(view, binding.TunnelRef, "tunnelRef", ns);
        if (tunnel.Value is not { } target)
        {
            return context.Rejected(tunnel.Problem!);
        }

        var problems = new List<Problem>();
        var rules = new List<IngressRule>();
        var subjects = binding.Subjects ?? [];
        for (var i = 0; i < subjects.Count; i++)
        {
            if (Rule(subjects[i], $"subjects[{i}]", target, view, ns, problems) is { } rule)
            {
                rules.Add(rule);
            }
        }

        if (problems.Count > 0)
        {
            return new TranslationResult([], problems.Select(p => context.Reject(p, target.Resource, target.Scope)).ToList());
        }

        var tunnelRules = context.Register(target.Resource, target.Scope, new IngressRulesFragment(rules));
        if (binding.TunnelRef?.DisableDNSUpdates == true)
        {
            return new TranslationResult([tunnelRules], [])
            {
                Warnings = HostnameRecords.AnnotatedAutomatic(binding.Metadata) ? [context.Warn(HostnameRecords.AnnotationIgnored(DisableDnsField))] : [],
            };
        }

        var dns = HostnameRecords.For(context, binding.Metadata, target, rules, DnsSettings.Defaults);
        return new TranslationResult([tunnelRules, .. dns.Registrations], []) { Warnings = dns.WarningsOf(context).ToList() };
    }

    private static IngressRule? Rule(TunnelBindingSubject subject, string field, ResolvedTunnel tunnel, IClusterView view, string ns, List<Problem> problems)
    {
        if ((subject.Kind ?? "Service") != "Service")
        {
            problems.Add(new Problem($"{field}.kind", $"'{Quote.Of(subject.Kind)}' is not supported: a subject is a Service"));
            return null;
        }

        if (string.IsNullOrEmpty(subject.Name))
        {
            problems.Add(new Problem($"{field}.name", "is required"));
            return null;
        }

        var spec = subject.Spec ?? new TunnelBindingSubjectSpec();
        var hostname = Hostname(subject.Name, spec, tunnel, field, problems);
        var service = string.IsNullOrEmpty(spec.Target) ? ServiceUrl(subject.Name, spec.Protocol, view, ns, field, problems) : spec.Target;
        if (hostname is null || service is null)
        {
            return null;
        }

        var origin = Origin(spec);
        problems.AddRange(OriginRequestRules.Validate(origin).Select(e => new Problem($"{field}.spec.{e.Field}", e.Message)));
        var rule = new IngressRule(hostname, string.IsNullOrEmpty(spec.Path) ? null : spec.Path, service, origin);
        var fields = new RuleFields(
            string.IsNullOrEmpty(spec.Fqdn) ? $"{field}.name" : $"{field}.spec.fqdn",
            $"{field}.spec.path",
            string.IsNullOrEmpty(spec.Target) ? $"{field}.name" : $"{field}.spec.target");
        RuleChecks.Check(rule, fields, problems);
        return rule;
    }

    private static string? Hostname(string name, TunnelBindingSubjectSpec spec, ResolvedTunnel tunnel, string field, List<Problem> problems)
    {
        if (!string.IsNullOrEmpty(spec.Fqdn))
        {
            return spec.Fqdn;
        }

        if (tunnel.Tunnel.Spec?.Cloudflare?.Domain is { Length: > 0 } domain)
        {
            return $"{name}.{domain}";
        }

        problems.Add(new Problem($"{field}.spec.fqdn", $"is required: {ObjectDescription.Of(tunnel.Tunnel.Kind, null, tunnel.Tunnel.Metadata.Name)} has no spec.cloudflare.domain"));
        return null;
    }

    // The port named like the protocol, else the first port; the protocol, else the port's conventions, gives the scheme.
    private static string? ServiceUrl(string name, string? protocol, IClusterView view, string ns, string field, List<Problem> problems)
    {
        var service = view.Find<Service>(Kinds.Service, ns, name);
        var ports = service?.Spec?.Ports ?? [];
        if (ports.Count == 0)
        {
            problems.Add(new Problem($"{field}.name", service is null ? $"{ObjectDescription.Of("Service", ns, name)} not found" : $"{ObjectDescription.Of("Service", ns, name)} has no ports"));
            return null;
        }

        var port = ports.FirstOrDefault(p => !string.IsNullOrEmpty(protocol) && p.Name == protocol) ?? ports[0];
        return ServiceBackends.Format(SchemeRules.For(port, protocol, null), name, ns, port.Port);
    }

    // Only what the subject sets; false is the CRD default, so it is not sent. Proxy fields only when a proxy is in use
    // (the CRD defaults proxyAddress to 127.0.0.1 even when no proxy is wanted).
    private static OriginRequest? Origin(TunnelBindingSubjectSpec spec)
    {
        var proxied = spec.ProxyPort is > 0 || !string.IsNullOrEmpty(spec.ProxyType);
        var origin = new OriginRequest
        {
            NoTlsVerify = spec.NoTlsVerify == true ? true : null,
            Http2Origin = spec.Http2Origin == true ? true : null,
            CaPool = string.IsNullOrEmpty(spec.CaPool) ? null : spec.CaPool,
            ProxyAddress = proxied && !string.IsNullOrEmpty(spec.ProxyAddress) ? spec.ProxyAddress : null,
            ProxyPort = spec.ProxyPort is > 0 ? spec.ProxyPort : null,
            ProxyType = string.IsNullOrEmpty(spec.ProxyType) ? null : spec.ProxyType,
        };
        return origin.IsEmpty ? null : origin;
    }
}
