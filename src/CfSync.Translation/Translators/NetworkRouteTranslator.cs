using System.Text.Json.Nodes;
using CfSync.Core.Objects;
using CfSync.Core.Resources;
using CfSync.Translation.Manifests;
using CfSync.Translation.Models;

namespace CfSync.Translation.Translators;

/// <summary>
/// NetworkRoute -> the route body with the tunnel's id and the virtual network's id. The tunnelRef kind defaults to
/// ClusterTunnel; a Tunnel must be given a namespace (the route is cluster-scoped). A virtual network whose
/// VirtualNetwork object has no id yet (or is not in the cluster) is named in the key (<c>cidr@name</c>, its Cloudflare
/// name) and resolved by that name when the route is applied.
/// </summary>
internal sealed class NetworkRouteTranslator : IKindTranslator
{
    public IReadOnlyCollection<string> Versions { get; } = ["v1alpha2"];

    public bool ClusterScoped => true;

    public TranslationResult Translate(JsonObject obj, IClusterView view)
    {
        var route = ModelJson.Read<NetworkRoute>(obj);
        var context = SourceContext.Of("NetworkRoute", route.Metadata, ClusterScoped);
        var spec = route.Spec ?? new NetworkRouteSpec();
        if (string.IsNullOrEmpty(spec.Network))
        {
            return context.Rejected(new Problem("spec.network", "is required"));
        }

        var vnetRef = string.IsNullOrEmpty(spec.VirtualNetworkRef?.Name) ? null : spec.VirtualNetworkRef.Name;
        var vnet = vnetRef is null ? null : view.Find<VirtualNetwork>(Kinds.VirtualNetwork, null, vnetRef);
        var vnetName = vnetRef is null ? null : string.IsNullOrEmpty(vnet?.Spec?.Name) ? vnetRef : vnet.Spec.Name;
        var identity = new ResourceIdentity(ResourceType.NetworkRoute, NaturalKeys.NetworkRoute(spec.Network, vnetName));
        var tunnel = TunnelResolver.Resolve(view, spec.TunnelRef, "spec.tunnelRef", null, "ClusterTunnel");
        var scope = new ResourceScope(spec.Cloudflare?.AccountId ?? tunnel.Value?.Scope.AccountId);
        if (tunnel.Value is not { } target)
        {
            return new TranslationResult([], [context.Reject(tunnel.Problem!, identity, scope)]);
        }

        var body = new JsonBody()
            .Add("network", spec.Network)
            .Add("tunnel_id", target.Resource.CloudflareId)
            .Add("comment", spec.Comment)
            .Add("virtual_network_id", vnet?.Status?.VirtualNetworkId);
        return context.Registered(identity, scope, new ObjectFragment(ResourceType.NetworkRoute, body.Object) { Adopt = Annotations.Adopts(route.Metadata) });
    }
}
