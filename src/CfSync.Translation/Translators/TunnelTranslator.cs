using System.Text.Json.Nodes;
using CfSync.Core.Tunnels;
using CfSync.Translation.Manifests;
using CfSync.Translation.Models;

namespace CfSync.Translation.Translators;

/// <summary>Tunnel or ClusterTunnel -> the tunnel's settings fragment (warp-routing, fallback, tunnel-level origin).</summary>
internal sealed class TunnelTranslator<T> : IKindTranslator
    where T : TunnelObject
{
    public IReadOnlyCollection<string> Versions { get; } = ["v1alpha1", "v1alpha2"];

    public bool ClusterScoped => typeof(T) == typeof(ClusterTunnel);

    public TranslationResult Translate(JsonObject obj, IClusterView view)
    {
        var tunnel = ModelJson.Read<T>(obj);
        var context = SourceContext.Of(typeof(T).Name, tunnel.Metadata, ClusterScoped);
        if (TunnelIdentity.Resource(tunnel, view) is not { } resource)
        {
            return context.Rejected(new Problem("status.tunnelId", TunnelIdentity.NotCreated));
        }

        var spec = tunnel.Spec ?? new TunnelSpec();
        var origin = new OriginRequest
        {
            NoTlsVerify = spec.NoTlsVerify == true ? true : null,
            CaPool = string.IsNullOrEmpty(spec.OriginCaPool) ? null : spec.OriginCaPool,
        };
        var settings = new TunnelSettingsFragment(
            spec.EnableWarpRouting ?? false,
            string.IsNullOrEmpty(spec.FallbackTarget) ? null : spec.FallbackTarget,
            origin.IsEmpty ? null : origin);
        return context.Registered(resource, TunnelIdentity.Scope(tunnel), settings);
    }
}
