using System.Text.Json.Nodes;

namespace CfSync.Cli.Tests;

public sealed class RenderCommandTests
{
    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CfSyncCommand.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static string Expected(string name) =>
        File.ReadAllText(RepositoryPaths.Samples("expected", name)).ReplaceLineEndings("\n");

    [Fact]
    public void Samples_render_to_the_checked_in_output_and_exit_0()
    {
        var (exit, output, error) = Run("render", RepositoryPaths.Samples("cluster"));
        Assert.Equal(string.Empty, error);
        Assert.Equal(Expected("cluster.json"), output.ReplaceLineEndings("\n"));
        Assert.Equal(0, exit);
    }

    [Fact]
    public void Samples_with_problems_render_to_the_checked_in_output_and_exit_1()
    {
        var (exit, output, _) = Run("render", RepositoryPaths.Samples("cluster"), RepositoryPaths.Samples("problems"), "--output", "json");
        Assert.Equal(Expected("cluster-with-problems.json"), output.ReplaceLineEndings("\n"));
        Assert.Equal(1, exit);
    }

    [Fact]
    public void Problems_never_block_the_other_sources_of_the_same_tunnel()
    {
        var clean = JsonNode.Parse(Run("render", RepositoryPaths.Samples("cluster")).Output)!;
        var withProblems = JsonNode.Parse(Run("render", RepositoryPaths.Samples("cluster"), RepositoryPaths.Samples("problems")).Output)!;
        static JsonNode? Tunnel(JsonNode doc, string id) =>
            doc["resources"]!.AsArray().Single(r => (string?)r!["resourceType"] == "TunnelConfiguration" && (string?)r["cloudflareId"] == id)!["desired"];

        // The conflicting and broken sources add only the one rule that is theirs alone (shop-preview's /preview).
        var before = Tunnel(clean, "6ff42ae2-765d-4adf-8112-31c55c1551ef")!["config"]!["ingress"]!.AsArray();
        var after = Tunnel(withProblems, "6ff42ae2-765d-4adf-8112-31c55c1551ef")!["config"]!["ingress"]!.AsArray();
        Assert.Equal(before.Count + 1, after.Count);
        Assert.All(before, rule => Assert.Contains(after, r => JsonNode.DeepEquals(r, rule)));
        Assert.True(JsonNode.DeepEquals(Tunnel(clean, "2b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"), Tunnel(withProblems, "2b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d")));
    }

    [Fact]
    public void File_order_does_not_change_the_output()
    {
        var files = Directory.GetFiles(RepositoryPaths.Samples("cluster"));
        var forward = Run(["render", .. files]).Output;
        var backward = Run(["render", .. files.Reverse()]).Output;
        Assert.Equal(forward, backward);
    }

    public static TheoryData<string[]> UsageErrors => new()
    {
        Array.Empty<string>(),
        new[] { "render" },
        new[] { "render", "x.yaml", "--output", "yaml" },
        new[] { "render", "--frobnicate", "x.yaml" },
        new[] { "deploy" },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public void Usage_errors_exit_2(string[] args)
    {
        var (exit, output, error) = Run(args);
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("Usage: cfsync render", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_exits_2_naming_it()
    {
        var (exit, _, error) = Run("render", "/no/such/manifests.yaml");
        Assert.Equal(2, exit);
        Assert.Contains("/no/such/manifests.yaml", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parse_error_exits_2_naming_the_file_and_line()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cfsync-broken-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, "apiVersion: v1\nkind: Service\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: [unclosed\n");
        try
        {
            var (exit, _, error) = Run("render", file);
            Assert.Equal(2, exit);
            Assert.Matches($"{System.Text.RegularExpressions.Regex.Escape(file)}:(7|8)", error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Help_exits_0()
    {
        var (exit, output, _) = Run("--help");
        Assert.Equal(0, exit);
        Assert.Contains("cfsync render", output, StringComparison.Ordinal);
    }
}
