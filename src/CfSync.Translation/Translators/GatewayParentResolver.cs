using CfSync.Translation.Manifests;
using CfSync.Translation.Models;

namespace CfSync.Translation.Translators;

/// <summary>A route parent that is ours: its TunnelGatewayClassConfig, and the path to it (for reasons).</summary>
internal sealed record GatewayParent(TunnelGatewayClassConfig Config, string Path);

/// <summary>
/// parentRef -> Gateway -> GatewayClass -> TunnelGatewayClassConfig. Parents that are not Gateways, Gateways or
/// classes that are not found, and classes of other controllers are not ours (null, no problem).
/// </summary>
internal static class GatewayParentResolver
{
    public const string ControllerName = "cloudflare-operator.io/tunnel-gateway-controller";

    public static Lookup<GatewayParent?> Resolve(IClusterView view, ParentReference parent, string routeNamespace, string field)
    {
        var group = parent.Group ?? Kinds.GatewayApiGroup;
        var kind = parent.Kind ?? Kinds.Gateway.Kind;
        if (group != Kinds.GatewayApiGroup || kind != Kinds.Gateway.Kind || string.IsNullOrEmpty(parent.Name))
        {
            return NotOurs;
        }

        var ns = string.IsNullOrEmpty(parent.Namespace) ? routeNamespace : parent.Namespace;
        var gateway = view.Find<Gateway>(Kinds.Gateway, ns, parent.Name);
        var className = gateway?.Spec?.GatewayClassName;
        if (gateway is null || string.IsNullOrEmpty(className)
            || view.Find<GatewayClass>(Kinds.GatewayClass, null, className) is not { } gatewayClass
            || gatewayClass.Spec?.ControllerName != ControllerName)
        {
            return NotOurs;
        }

        var parameters = gatewayClass.Spec.ParametersRef;
        if (parameters is null || parameters.Group != Kinds.OperatorGroup
            || parameters.Kind != Kinds.TunnelGatewayClassConfig.Kind || string.IsNullOrEmpty(parameters.Name))
        {
            return new Problem(field, $"{ObjectDescription.Of("Gateway", ns, parent.Name)} -> {ObjectDescription.Of("GatewayClass", null, className)}: spec.parametersRef must reference a {Kinds.TunnelGatewayClassConfig}");
        }

        var configNamespace = string.IsNullOrEmpty(parameters.Namespace) ? ns : parameters.Namespace;
        var path = $"{ObjectDescription.Of("Gateway", ns, parent.Name)} -> {ObjectDescription.Of("GatewayClass", null, className)} -> {ObjectDescription.Of("TunnelGatewayClassConfig", configNamespace, parameters.Name)}";
        var config = view.Find<TunnelGatewayClassConfig>(Kinds.TunnelGatewayClassConfig, configNamespace, parameters.Name);
        return config is null ? new Problem(field, $"{path} not found") : new GatewayParent(config, path);
    }

    private static Lookup<GatewayParent?> NotOurs => new(null, null);
}
