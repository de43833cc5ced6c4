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

    [Fact]
    public void A_problem_the_reader_finds_is_passed_on_whole()
    {
        var plan = ManifestPlanner.Plan(Manifests.Tunnel("t", Guid.NewGuid().ToString(), "5"), "f.yaml", 1);
        var problem = Assert.Single(plan.Problems);
        Assert.Equal(("f.yaml", 1, "metadata.uid"), (problem.File, problem.Document, problem.Field));
        Assert.Empty(plan.Registrations);
    }

    [Fact]
    public void The_problems_of_later_documents_are_found_too_with_their_lines()
    {
        var text = Manifests.Join(
            Manifests.Tunnel("a", Guid.NewGuid().ToString()),
            Manifests.Tunnel("b", new string('x', 3000)),
            Manifests.Tunnel("c", new string('y', 3000)));
        var plan = ManifestPlanner.Plan(text, "f.yaml", 1);
        var lines = Manifests.Tunnel("a", Guid.NewGuid().ToString()).Split('\n').Length + 1;
        Assert.Equal([(2, lines + 1, "Tunnel intake/b"), (3, (2 * lines) + 1, "Tunnel intake/c")], plan.Problems.Select(p => (p.Document, p.Line, p.ObjectName)));
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
