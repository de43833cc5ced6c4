using CfSync.Core.Aggregation;
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

    /// <summary>The same fragments in another order give the same body, hash and source statuses.</summary>
    public static void AssertOrderDoesNotMatter(IResourceAggregator aggregator, SourceFragment[] fragments, int seed)
    {
        var shuffled = fragments.ToArray();
        new Random(seed).Shuffle(shuffled);
        var first = aggregator.Aggregate(fragments);
        var second = aggregator.Aggregate(shuffled);
        Assert.Equal(first.Desired?.Json, second.Desired?.Json);
        Assert.Equal(first.ConfigHash, second.ConfigHash);
        Assert.Equal(first.Sources.Select(s => (s.Source.Key, s.Status)), second.Sources.Select(s => (s.Source.Key, s.Status)));
    }
}
