using System.Text.Json.Nodes;
using CfSync.Cli.Rendering;
using CfSync.Core.Aggregation;
using CfSync.Core.Resources;
using CfSync.Core.Sources;

namespace CfSync.Cli.Tests;

/// <summary>Warnings in render's output: beside the reasons, in JSON and in the table; they never change the status.</summary>
public sealed class RenderReportTests
{
    private static RenderReport Warned() => new(
        [
            new RenderedResource(
                new ResourceIdentity(ResourceType.TunnelConfiguration, "t-1"),
                ResourceScope.None,
                """{"config":{"ingress":[]}}""",
                "sha256:x",
                [new SourceOutcome(new Source("Ingress", "shop", "web"), SourceStatus.Accepted, []) { Warnings = ["Ingress/shop/web: Service shop/web not found; scheme http assumed"] }]),
        ],
        []);

    [Fact]
    public void Every_source_carries_a_warnings_list_beside_its_reasons()
    {
        var source = JsonNode.Parse(Warned().ToJson())!["resources"]![0]!["sources"]![0]!;
        Assert.Equal(["kind", "namespace", "name", "status", "reasons", "warnings"], source.AsObject().Select(p => p.Key));
        Assert.Equal("Ingress/shop/web: Service shop/web not found; scheme http assumed", (string?)source["warnings"]![0]);
    }

    [Fact]
    public void A_warning_leaves_the_report_accepted_and_only_strict_fails_on_it()
    {
        Assert.True(Warned().AllAccepted);
        Assert.True(Warned().HasWarningsOrPending);
        Assert.False((Warned() with { Resources = [] }).HasWarningsOrPending);
    }

    [Fact]
    public void The_table_shows_the_first_warning_when_there_is_no_reason()
    {
        using var output = new StringWriter();
        RenderTable.Write(Warned(), output);
        Assert.Equal(
            "Accepted TunnelConfiguration t-1\n  Accepted Ingress/shop/web  warning: Ingress/shop/web: Service shop/web not found; scheme http assumed\n",
            output.ToString().ReplaceLineEndings("\n"));
    }
}
