using CfSync.Core.Fragments;
using CfSync.Core.Sources;
using CfSync.Core.Tunnels;

namespace CfSync.Core.Tests;

/// <summary>Builders that keep the tests about behaviour, not setup.</summary>
internal static class TestData
{
    public static Source Ingress(string name, string ns = "default") => new("Ingress", ns, name);

    public static SourceFragment Rules(Source source, params IngressRule[] rules) =>
        new(source, new IngressRulesFragment(rules));

    public static SourceFragment Settings(bool warpRouting, string? fallback = null, OriginRequest? origin = null, string name = "main") =>
        new(new Source("ClusterTunnel", null, name), new TunnelSettingsFragment(warpRouting, fallback, origin));

    public static IngressRule Rule(string? host, string service = "http://web.default.svc:80", string? path = null) =>
        new(host, path, service);
}
