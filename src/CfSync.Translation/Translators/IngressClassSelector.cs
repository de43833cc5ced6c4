using CfSync.Translation.Manifests;
using CfSync.Translation.Models;

namespace CfSync.Translation.Translators;

/// <summary>Our IngressClass and its TunnelIngressClassConfig, and how the Ingress chose it (for reasons).</summary>
internal sealed record SelectedIngressClass(TunnelIngressClassConfig Config, string Field, string Path);

/// <summary>
/// Finds an Ingress's class: spec.ingressClassName, else the kubernetes.io/ingress.class annotation, else the one
/// IngressClass marked default. It is ours when its controller is ours; its parameters must then name a
/// TunnelIngressClassConfig (namespace defaults to the Ingress's). A missing IngressClass is not ours.
/// </summary>
internal static class IngressClassSelector
{
    public const string Controller = "cloudflare-operator.io/tunnel-ingress-controller";
    public const string ClassAnnotation = "kubernetes.io/ingress.class";
    public const string DefaultClassAnnotation = "ingressclass.kubernetes.io/is-default-class";

    /// <returns>Null value and no problem when the Ingress is not ours.</returns>
    public static Lookup<SelectedIngressClass?> Select(Ingress ingress, IClusterView view)
    {
        var (name, field) = ClassName(ingress, view);
        if (name is null || view.Find<IngressClass>(Kinds.IngressClass, null, name) is not { } ingressClass
            || ingressClass.Spec?.Controller != Controller)
        {
            return new Lookup<SelectedIngressClass?>(null, null);
        }

        var parameters = ingressClass.Spec.Parameters;
        if (parameters is null || parameters.ApiGroup != Kinds.OperatorGroup
            || parameters.Kind != Kinds.TunnelIngressClassConfig.Kind || string.IsNullOrEmpty(parameters.Name))
        {
            return new Problem(field, $"{ObjectDescription.Of("IngressClass", null, name)}: spec.parameters must reference a {Kinds.TunnelIngressClassConfig}");
        }

        var ns = string.IsNullOrEmpty(parameters.Namespace) ? ingress.Metadata.Namespace : parameters.Namespace;
        var path = $"{ObjectDescription.Of("IngressClass", null, name)} -> {ObjectDescription.Of("TunnelIngressClassConfig", ns, parameters.Name)}";
        var config = view.Find<TunnelIngressClassConfig>(Kinds.TunnelIngressClassConfig, ns, parameters.Name);
        return config is null
            ? new Problem(field, $"{path} not found")
            : new SelectedIngressClass(config, field, path);
    }

    private static (string? Name, string Field) ClassName(Ingress ingress, IClusterView view)
    {
        if (!string.IsNullOrEmpty(ingress.Spec?.IngressClassName))
        {
            return (ingress.Spec.IngressClassName, "spec.ingressClassName");
        }

        if (ingress.Metadata.Annotation(ClassAnnotation) is { Length: > 0 } annotated)
        {
            return (annotated, $"metadata.annotations[{ClassAnnotation}]");
        }

        // Kubernetes refuses to pick when several classes claim to be the default; so do we.
        var defaults = view.List<IngressClass>(Kinds.IngressClass)
            .Where(c => c.Metadata.Annotation(DefaultClassAnnotation) == "true")
            .Take(2)
            .ToList();
        return (defaults.Count == 1 ? defaults[0].Metadata.Name : null, "spec.ingressClassName (unset, default IngressClass)");
    }
}
