using CfSync.Core.Dns;
using CfSync.Core.Text;
using CfSync.Core.Tunnels;
using CfSync.Translation.Models;

namespace CfSync.Translation.Translators;

/// <summary>
/// A class config's DNS fields (<c>dnsManagement</c>, <c>dnsProxied</c>), and how a problem with one of them is
/// reported from the object (<see cref="InConfig"/>: "spec.ingressClassName: IngressClass x -> ...: spec.dnsManagement").
/// </summary>
internal sealed record DnsSettings(string? Management, bool? Proxied, Func<Problem, Problem> InConfig)
{
    /// <summary>No class config (a TunnelBinding): Automatic, proxied.</summary>
    public static DnsSettings Defaults { get; } = new(null, null, problem => problem);
}

/// <summary>What an object gives its tunnel's DNS records: the registration (null when none) and warnings about it.</summary>
internal sealed record HostnameRecordsResult(Registration? Registration, IReadOnlyList<Problem> Warnings)
{
    public IReadOnlyList<Registration> Registrations => Registration is null ? [] : [Registration];

    /// <summary>The warnings against the DNS resource when the object feeds it, else against the whole object.</summary>
    public IEnumerable<Warning> WarningsOf(SourceContext context) =>
        Warnings.Select(w => context.Warn(w, Registration?.Resource));
}

/// <summary>
/// The <see cref="TunnelHostnamesFragment"/> an Ingress, HTTPRoute or TunnelBinding registers beside its rules: every
/// hostname of those rules (not the catch-all), once, lower-case and sorted, unless DNS is managed manually. The
/// object's <see cref="Annotations.DnsManagement"/> (Automatic or Manual) overrides the class config's
/// <c>dnsManagement</c>; <c>DNSRecord</c> is served as Automatic (CfSync writes the records itself), with a warning.
/// </summary>
internal static class HostnameRecords
{
    public const string Automatic = "Automatic";
    public const string Manual = "Manual";
    public const string DnsRecord = "DNSRecord";

    private static readonly string AnnotationField = $"metadata.annotations[{Annotations.DnsManagement}]";

    public static HostnameRecordsResult For(SourceContext context, ObjectMeta metadata, ResolvedTunnel tunnel, IEnumerable<IngressRule> rules, DnsSettings settings)
    {
        var warnings = new List<Problem>();
        if (!Managed(metadata, settings, warnings))
        {
            return new HostnameRecordsResult(null, warnings);
        }

        var adopt = Annotations.Adopts(metadata);
        var hostnames = rules.Select(r => HostnameRules.Normalize(r.Hostname)).OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(name => new TunnelHostname(name, settings.Proxied ?? true, adopt))
            .ToList();
        var registration = hostnames.Count == 0 ? null : context.Register(tunnel.DnsRecords, tunnel.Scope, new TunnelHostnamesFragment(hostnames));
        return new HostnameRecordsResult(registration, warnings);
    }

    /// <summary>
    /// The object's annotation when it says Automatic or Manual; an annotation <see cref="Automatic"/> where an
    /// object-level opt-out (a TunnelBinding's disableDNSUpdates) wins anyway is worth saying.
    /// </summary>
    public static bool AnnotatedAutomatic(ObjectMeta metadata) => Is(metadata.Annotation(Annotations.DnsManagement), Automatic);

    public static Problem AnnotationIgnored(string optOutField) =>
        new(AnnotationField, $"{Automatic} is ignored: {optOutField} is true, so CfSync writes no DNS records for this object");

    private static bool Managed(ObjectMeta metadata, DnsSettings settings, List<Problem> warnings)
    {
        var annotation = metadata.Annotation(Annotations.DnsManagement);
        if (Is(annotation, Automatic) || Is(annotation, Manual))
        {
            return Is(annotation, Automatic);
        }

        var managed = Configured(settings, warnings);
        if (annotation is not null)
        {
            warnings.Add(new Problem(AnnotationField, $"'{Quote.Of(annotation)}' must be {Automatic} or {Manual}; it is ignored and dnsManagement stays {(managed ? Automatic : Manual)}"));
        }

        return managed;
    }

    private static bool Configured(DnsSettings settings, List<Problem> warnings)
    {
        var value = settings.Management;
        if (value is null || Is(value, Automatic))
        {
            return true;
        }

        if (Is(value, Manual))
        {
            return false;
        }

        warnings.Add(settings.InConfig(Is(value, DnsRecord)
            ? new Problem("spec.dnsManagement", $"{DnsRecord}: CfSync writes the hostnames' CNAMEs itself, as with {Automatic}; it creates no DNSRecord objects")
            : new Problem("spec.dnsManagement", $"'{Quote.Of(value)}' must be {Automatic}, {Manual} or {DnsRecord}; {Automatic} assumed")));
        return true;
    }

    private static bool Is(string? value, string mode) => string.Equals(value, mode, StringComparison.OrdinalIgnoreCase);
}
