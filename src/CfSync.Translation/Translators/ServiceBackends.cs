using CfSync.Core.Sources;
using CfSync.Core.Text;
using CfSync.Translation.Manifests;
using CfSync.Translation.Models;

namespace CfSync.Translation.Translators;

/// <summary>Where a backend port is given in the object being translated.</summary>
internal sealed record BackendPortRef(int? Number, string? Name, string Field);

/// <summary>
/// Turns a Service backend into cloudflared's <c>scheme://name.namespace.svc:port</c>, resolving named ports
/// through the Service and picking the scheme with <see cref="SchemeRules"/>. A numeric port needs no Service:
/// Kubernetes accepts a backend whose Service does not exist yet, so the URL is built anyway with a warning.
/// </summary>
internal static class ServiceBackends
{
    public static Lookup<string> Url(
        IClusterView view, string ns, string? serviceName, string serviceField, BackendPortRef port, string? explicitScheme, string? defaultScheme,
        ICollection<Problem> warnings)
    {
        if (string.IsNullOrEmpty(serviceName))
        {
            return new Problem(serviceField, "is required");
        }

        // Kubernetes' own rule for the name; it is checked here because an unknown Service's name goes into the URL as given.
        if (KubernetesNames.Dns1035LabelError(serviceName) is { } nameError)
        {
            return new Problem(serviceField, $"'{Quote.Of(serviceName)}' {nameError}");
        }

        var service = view.Find<Service>(Kinds.Service, ns, serviceName);
        if (service is null)
        {
            if (port.Number is not { } unknownPort)
            {
                return new Problem(serviceField, $"{ObjectDescription.Of("Service", ns, serviceName)} not found");
            }

            // Without the Service only the explicit protocol, the port number's conventions and the default can tell.
            var assumed = SchemeRules.For(new ServicePort { Port = unknownPort }, explicitScheme, defaultScheme);
            warnings.Add(new Problem(serviceField, $"{ObjectDescription.Of("Service", ns, serviceName)} not found; scheme {assumed} assumed"));
            return Format(assumed, serviceName, ns, unknownPort);
        }

        var ports = service.Spec?.Ports ?? [];
        ServicePort? servicePort;
        if (port.Number is { } number)
        {
            servicePort = ports.FirstOrDefault(p => p.Port == number);
            if (servicePort is null)
            {
                return new Problem(port.Field, $"{ObjectDescription.Of("Service", ns, serviceName)} has no port {number}");
            }
        }
        else if (!string.IsNullOrEmpty(port.Name))
        {
            servicePort = ports.FirstOrDefault(p => p.Name == port.Name);
            if (servicePort is null)
            {
                return new Problem(port.Field, $"{ObjectDescription.Of("Service", ns, serviceName)} has no port named \"{Quote.Of(port.Name)}\"");
            }
        }
        else
        {
            return new Problem(port.Field, "a port number or name is required");
        }

        return Format(SchemeRules.For(servicePort, explicitScheme, defaultScheme), serviceName, ns, servicePort.Port);
    }

    public static string Format(string scheme, string serviceName, string ns, int port) =>
        $"{scheme}://{serviceName}.{ns}.svc:{port}";
}

/// <summary>
/// The scheme of a Service backend, first match wins: an explicit protocol (the Ingress annotation, the binding's
/// protocol); the port's appProtocol; port conventions (443 or a name https/*-https, 22 ssh, 3389 rdp, 445 smb);
/// the class config's default protocol; http.
/// </summary>
internal static class SchemeRules
{
    private static readonly Dictionary<string, string> AppProtocols = new(StringComparer.OrdinalIgnoreCase)
    {
        ["http"] = "http",
        ["https"] = "https",
        ["h2c"] = "http",
        ["kubernetes.io/h2c"] = "http",
        ["kubernetes.io/ws"] = "ws",
        ["kubernetes.io/wss"] = "wss",
        ["tcp"] = "tcp",
        ["ssh"] = "ssh",
        ["rdp"] = "rdp",
        ["smb"] = "smb",
    };

    public static string For(ServicePort port, string? explicitScheme, string? defaultScheme) =>
        NonEmpty(explicitScheme)
        ?? FromAppProtocol(port.AppProtocol)
        ?? FromConvention(port)
        ?? NonEmpty(defaultScheme)
        ?? "http";

    private static string? FromAppProtocol(string? appProtocol) =>
        appProtocol is not null && AppProtocols.TryGetValue(appProtocol, out var scheme) ? scheme : null;

    private static string? FromConvention(ServicePort port) => port.Port switch
    {
        443 => "https",
        22 => "ssh",
        3389 => "rdp",
        445 => "smb",
        _ when port.Name is { } name && (name == "https" || name.EndsWith("-https", StringComparison.Ordinal)) => "https",
        _ => null,
    };

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
