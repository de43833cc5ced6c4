using CfSync.Core.Aggregation;
using CfSync.Core.Fragments;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Core.Tunnels;

namespace CfSync.Core.Tests;

/// <summary>The one planner the engine and render share: how producers' rejections, warnings and scopes combine with the aggregate.</summary>
public sealed class ResourcePlannerTests
{
    private static readonly Source Settings = new("ClusterTunnel", null, "edge");

    private static PlannedSource Ingress(string name, string host, ResourceScope? scope = null) =>
        new(new Source("Ingress", "shop", name), new SourceFragment(new Source("Ingress", "shop", name), new IngressRulesFragment([new IngressRule(host, null, "http://web:80")])), scope ?? ResourceScope.None);

    [Fact]
    public void A_producer_rejection_is_the_sources_status_and_the_other_sources_still_render()
    {
        var broken = new PlannedSource(new Source("Ingress", "shop", "broken"), null, ResourceScope.None) { Errors = ["Ingress/shop/broken: spec.rules[0].host: bad"] };
        var plan = ResourcePlanner.Plan(ResourceType.TunnelConfiguration, [Ingress("web", "web.example.com"), broken]);
        Assert.Equal([SourceStatus.Rejected, SourceStatus.Accepted], plan.Sources.Select(s => s.Status));
        Assert.Equal(["Ingress/shop/broken: spec.rules[0].host: bad"], plan.Sources[0].Reasons);
        Assert.Contains("web.example.com", plan.Aggregate.Desired!.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_travel_with_their_source_and_never_change_its_status()
    {
        var warned = Ingress("web", "web.example.com") with { Warnings = ["Ingress/shop/web: spec.rules[0]...service: Service shop/web not found; scheme http assumed"] };
        var outcome = Assert.Single(ResourcePlanner.Plan(ResourceType.TunnelConfiguration, [warned]).Sources);
        Assert.Equal(SourceStatus.Accepted, outcome.Status);
        Assert.Equal(warned.Warnings, outcome.Warnings);
        Assert.Empty(outcome.Reasons);
    }

    [Fact]
    public void The_scope_comes_from_live_sources_first_then_from_rejected_ones_in_key_order()
    {
        var rejected = new PlannedSource(Settings, null, new ResourceScope("from-rejected")) { Errors = ["ClusterTunnel/edge: spec: bad"] };
        Assert.Equal("from-rejected", ResourcePlanner.Plan(ResourceType.TunnelConfiguration, [Ingress("web", "web.example.com"), rejected]).Scope.AccountId);
        Assert.Equal("live", ResourcePlanner.Plan(ResourceType.TunnelConfiguration, [Ingress("web", "web.example.com", new ResourceScope("live")), rejected]).Scope.AccountId);
    }

    [Fact]
    public void The_aggregates_conflict_reasons_follow_the_producers_reasons()
    {
        var older = Ingress("a", "same.example.com");
        var newer = Ingress("b", "same.example.com") with { Errors = ["Ingress/shop/b: metadata.annotations: ignored"] };
        var plan = ResourcePlanner.Plan(ResourceType.TunnelConfiguration, [older, newer]);
        var loser = plan.Sources.Single(s => s.Source.Name == "b");
        Assert.Equal(SourceStatus.Rejected, loser.Status);
        Assert.Equal("Ingress/shop/b: metadata.annotations: ignored", loser.Reasons[0]);
        Assert.Contains(loser.Reasons, r => r.Contains("conflicts with", StringComparison.Ordinal));
    }
}
