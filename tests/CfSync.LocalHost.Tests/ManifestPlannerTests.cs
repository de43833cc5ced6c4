using CfSync.Core.Resources;

namespace CfSync.LocalHost.Tests;

public sealed class ManifestPlannerTests
{
    private static readonly string SampleCluster = Path.Combine(AppContext.BaseDirectory, "samples", "cluster");

    [Fact]
    public void The_sample_cluster_plans_signals_for_both_sample_tunnels_and_no_problem()
    {
        var text = Manifests.Join([.. Directory.GetFiles(SampleCluster).Order(StringComparer.Ordinal).Select(File.ReadAllText)]);
        var plan = ManifestPlanner.Plan(text, "samples", sequence: 1);
        Assert.Empty(plan.Problems);
        var tunnels = plan.Registrations.Select(r => r.Resource).Where(r => r.ResourceType == ResourceType.TunnelConfiguration).Select(r => r.CloudflareId).Distinct().Order();
        Assert.Equal(["2b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "6ff42ae2-765d-4adf-8112-31c55c1551ef"], tunnels);
        Assert.All(plan.Registrations, r => Assert.Equal(1, r.Registration.Version.Sequence));
    }

    [Theory]
    [InlineData("5", "number")]
    [InlineData("true", "true")]
    [InlineData("{a: b}", "object")]
    public void A_uid_that_is_not_a_string_is_a_problem_of_metadata_uid(string uid, string kind)
    {
        var plan = ManifestPlanner.Plan(Manifests.Tunnel("t", Guid.NewGuid().ToString(), uid), "f.yaml", 1);
        var problem = Assert.Single(plan.Problems);
        Assert.Equal(new ManifestProblem("f.yaml", 1, "Tunnel/intake/t", "metadata.uid", $"must be a string, not {kind}."), problem);
        Assert.Empty(plan.Registrations);
    }

    [Fact]
    public void A_uid_longer_than_a_kubernetes_uid_is_a_problem()
    {
        var plan = ManifestPlanner.Plan(Manifests.Tunnel("t", Guid.NewGuid().ToString(), new string('u', ManifestPlanner.MaxUidLength + 1)), "f.yaml", 1);
        Assert.Equal("metadata.uid", Assert.Single(plan.Problems).Field);
    }

    [Fact]
    public void The_problems_of_later_documents_are_found_too_with_their_lines()
    {
        var text = Manifests.Join(
            Manifests.Tunnel("a", Guid.NewGuid().ToString()),
            Manifests.Tunnel("b", new string('x', 3000)),
            Manifests.Tunnel("c", Guid.NewGuid().ToString(), uid: "7"));
        var plan = ManifestPlanner.Plan(text, "f.yaml", 1);
        var lines = Manifests.Tunnel("a", Guid.NewGuid().ToString()).Split('\n').Length + 1;
        Assert.Equal([(lines + 1, "Tunnel/intake/b"), ((2 * lines) + 1, "Tunnel/intake/c")], plan.Problems.Select(p => (p.Line, p.Source)));
        Assert.Empty(plan.Registrations);
    }

    [Fact]
    public void Unreadable_text_is_one_problem_naming_the_file_and_line()
    {
        var problem = Assert.Single(ManifestPlanner.Plan("apiVersion: v1\nkind: [\n", "f.yaml", 1).Problems);
        Assert.Equal("f.yaml", problem.File);
        Assert.True(problem.Line > 0);
    }
}
