using System.Text.Json.Nodes;
using CfSync.Core.Objects;
using CfSync.Core.Resources;
using CfSync.Translation.Manifests;
using CfSync.Translation.Models;

namespace CfSync.Translation.Translators;

/// <summary>
/// NetworkRoute -> the route body with the tunnel's id and the virtual network's id. The tunnelRef kind defaults to
/// ClusterTunnel; a Tunnel must be given a namespace (the route is cluster-scoped).
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

        var vnetName = string.IsNullOrEmpty(spec.VirtualNetworkRef?.Name) ? null : spec.VirtualNetworkRef.Name;
        var identity = new ResourceIdentity(ResourceType.NetworkRoute, NaturalKeys.NetworkRoute(spec.Network, vnetName));
        var tunnel = TunnelResolver.Resolve(view, spec.TunnelRef, "spec.tunnelRef", null, "ClusterTunnel");
        var scope = new ResourceScope(spec.Cloudflare?.AccountId ?? tunnel.Value?.Scope.AccountId);
        if (tunnel.Value is not { } target)
        {
            return new TranslationResult([], [context.Reject(tunnel.Problem!, identity, scope)]);
        }

        var vnetId = VirtualNetworkId(view, vnetName);
        if (vnetId.Problem is { } vnetProblem)
        {
            return new TranslationResult([], [context.Reject(vnetProblem, identity, scope)]);
        }

        var body = new JsonBody()
            .Add("network", spec.Network)
            .Add("tunnel_id", target.Resource.CloudflareId)
            .Add("comment", spec.Comment)
            .Add("virtual_network_id", vnetId.Value);
        return context.Registered(identity, scope, new ObjectFragment(ResourceType.NetworkRoute, body.Object));
    }

    private static Lookup<string?> VirtualNetworkId(IClusterView view, string? name)
    {
        if (name is null)
        {
            return new Lookup<string?>(null, null);
        }

        const string Field = "spec.virtualNetworkRef.name";
        var vnet = view.Find<VirtualNetwork>(Kinds.VirtualNetwork, null, name);
        if (vnet is null)
        {
            return new Problem(Field, $"{ObjectDescription.Of("VirtualNetwork", null, name)} not found");
        }

        return string.IsNullOrEmpty(vnet.Status?.VirtualNetworkId)
            ? new Problem(Field, $"{ObjectDescription.Of("VirtualNetwork", null, name)} not created yet (no status.virtualNetworkId)")
            : vnet.Status.VirtualNetworkId;
    }
}
