using System.Text.Json.Nodes;

namespace CfSync.Cli.Tests;

/// <summary>
/// <c>cfsync render</c> as a pre-merge check over the manifests users have: ignored kinds are listed, new tunnels
/// render as pending (ids can be supplied), <c>--strict</c> fails on what would only be a warning, tables for people.
/// </summary>
public sealed class RenderPreMergeTests : IDisposable
{
    private const string TeamTunnelId = "2b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("cfsync-premerge-");

    public void Dispose() => folder.Delete(recursive: true);

    internal static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CfSyncCommand.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private string Write(string relative, string text)
    {
        var file = Path.Combine(folder.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return file;
    }

    /// <summary>The samples with the team-a Tunnel not created yet (no status.tunnelId), in a folder of their own.</summary>
    private string NewTunnelCluster()
    {
        var target = Path.Combine(folder.FullName, "new-tunnel");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(RepositoryPaths.Samples("cluster")))
        {
            var text = File.ReadAllText(file);
            var status = text.IndexOf($"status:\n  tunnelId: {TeamTunnelId}", StringComparison.Ordinal);
            if (status >= 0)
            {
                var end = text.IndexOf("---", status, StringComparison.Ordinal);
                text = text[..status] + (end < 0 ? "" : text[end..]);
            }

            File.WriteAllText(Path.Combine(target, Path.GetFileName(file)), text);
        }

        return target;
    }

    private static JsonArray Resources(string output) => JsonNode.Parse(output)!["resources"]!.AsArray();

    private const string ForeignObjects = """
        apiVersion: v1
        kind: Secret
        metadata: {name: cloudflare-api-token, namespace: team-a}
        stringData: {token: not-read}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: team-a}
        """;

    [Fact]
    public void Kinds_cfsync_does_not_read_are_listed_under_ignored_with_apiVersion_kind_and_count()
    {
        var (exit, output, error) = Run("render", RepositoryPaths.Samples("cluster"), Write("extra.yaml", ForeignObjects));
        Assert.Equal(string.Empty, error);
        Assert.Equal(0, exit);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""[{"apiVersion":"apps/v1","kind":"Deployment","count":1},{"apiVersion":"v1","kind":"Secret","count":1}]"""),
            JsonNode.Parse(output)!["ignored"]));
        Assert.DoesNotContain("not-read", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_clusters_folders_with_the_same_Secret_render_together()
    {
        var prod = Write("prod/secret.yaml", ForeignObjects);
        var staging = Write("staging/secret.yaml", ForeignObjects);
        var (exit, output, error) = Run("render", RepositoryPaths.Samples("cluster"), Path.GetDirectoryName(prod)!, Path.GetDirectoryName(staging)!);
        Assert.Equal(string.Empty, error);
        Assert.Equal(0, exit);
        Assert.Equal(2, (int)JsonNode.Parse(output)!["ignored"]!.AsArray().Single(i => (string?)i!["kind"] == "Secret")!["count"]!);
    }

    [Fact]
    public void A_duplicate_of_a_kind_we_read_exits_2_naming_both_files_and_lines()
    {
        const string Service = "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\n";
        var first = Write("a/web.yaml", Service);
        var second = Write("b/web.yaml", "---\n" + Service);
        var (exit, output, error) = Run("render", first, second);
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains($"{second}:2: document 1: Service shop/web: is defined twice (first at {first}:1)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tunnel_without_id_renders_its_rules_under_its_pending_identity_and_exits_0()
    {
        var (exit, output, error) = Run("render", NewTunnelCluster());
        Assert.Equal(string.Empty, error);
        Assert.Equal(0, exit);
        var pending = Resources(output).Single(r => (string?)r!["resourceType"] == "TunnelConfiguration" && (string?)r["cloudflareId"] == "pending:Tunnel/team-a/internal")!;
        Assert.Equal(3, pending["desired"]!["config"]!["ingress"]!.AsArray().Count);
        Assert.All(pending["sources"]!.AsArray(), s => Assert.Equal("Accepted", (string?)s!["status"]));
        Assert.DoesNotContain(Resources(output), r => (string?)r!["cloudflareId"] == TeamTunnelId);
        Assert.Contains(Resources(output), r => (string?)r!["resourceType"] == "TunnelDnsRecords" && (string?)r["cloudflareId"] == "pending:Tunnel/team-a/internal");

        // Every source landing on the pending tunnel says so, beside its (empty) reasons.
        Assert.All(pending["sources"]!.AsArray(), s => Assert.Contains(s!["warnings"]!.AsArray(), w => ((string?)w)!.Contains("pending", StringComparison.Ordinal)));
    }

    [Fact]
    public void Strict_turns_a_pending_tunnel_into_exit_1()
    {
        var (exit, output, _) = Run("render", NewTunnelCluster(), "--strict");
        Assert.Equal(1, exit);
        Assert.Contains("pending:Tunnel/team-a/internal", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_exits_0_when_nothing_is_pending_or_warned()
    {
        Assert.Equal(0, Run("render", RepositoryPaths.Samples("cluster"), "--strict").Exit);
    }

    [Fact]
    public void A_supplied_tunnel_id_renders_the_body_the_created_tunnel_would_get()
    {
        static JsonNode Team(string output) => Resources(output).Single(r => (string?)r!["resourceType"] == "TunnelConfiguration" && (string?)r["cloudflareId"] == TeamTunnelId)!;
        var created = Team(Run("render", RepositoryPaths.Samples("cluster")).Output);
        var (exit, output, error) = Run("render", NewTunnelCluster(), "--tunnel-id", $"Tunnel/team-a/internal={TeamTunnelId}", "--strict");
        Assert.Equal(string.Empty, error);
        Assert.Equal(0, exit);
        Assert.True(JsonNode.DeepEquals(created["desired"], Team(output)["desired"]));
        Assert.Equal((string?)created["configHash"], (string?)Team(output)["configHash"]);
    }

    [Fact]
    public void A_tunnel_ids_file_supplies_ids_and_skips_comments_and_blank_lines()
    {
        var ids = Write("ids.txt", $"# ids of the tunnels this change creates\n\n  Tunnel/team-a/internal={TeamTunnelId.ToUpperInvariant()}\n");
        var (exit, output, error) = Run("render", NewTunnelCluster(), "--tunnel-ids", ids, "--strict");
        Assert.Equal(string.Empty, error);
        Assert.Equal(0, exit);
        Assert.Contains(Resources(output), r => (string?)r!["cloudflareId"] == TeamTunnelId);
    }

    public static TheoryData<string, string> BadTunnelIds => new()
    {
        { "Tunnel/team-a/internal", "the id must be a UUID" },
        { "Tunnel/team-a/internal=not-a-uuid", "the id must be a UUID" },
        { "Ingress/shop/shop=" + TeamTunnelId, "the key must be Tunnel/<namespace>/<name> or ClusterTunnel/<name>" },
        { "Tunnel/internal=" + TeamTunnelId, "the key must be Tunnel/<namespace>/<name> or ClusterTunnel/<name>" },
        { "Tunnel/team-a/typo=" + TeamTunnelId, "--tunnel-id Tunnel/team-a/typo: the manifests hold no such Tunnel" },
        { "ClusterTunnel/edge=" + TeamTunnelId, "--tunnel-id ClusterTunnel/edge: the ClusterTunnel already has an id" },
    };

    [Theory]
    [MemberData(nameof(BadTunnelIds))]
    public void A_tunnel_id_that_cannot_be_used_exits_2_saying_why(string pair, string message)
    {
        var (exit, output, error) = Run("render", NewTunnelCluster(), "--tunnel-id", pair);
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_ids_for_one_tunnel_exit_2_naming_both()
    {
        var (exit, _, error) = Run("render", NewTunnelCluster(), "--tunnel-id", $"Tunnel/team-a/internal={TeamTunnelId}",
            "--tunnel-id", "Tunnel/team-a/internal=00000000-0000-0000-0000-000000000001");
        Assert.Equal(2, exit);
        Assert.Contains($"Tunnel/team-a/internal is given two ids ({TeamTunnelId} and 00000000-0000-0000-0000-000000000001)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_tunnel_ids_file_exits_2_naming_it()
    {
        var (exit, _, error) = Run("render", RepositoryPaths.Samples("cluster"), "--tunnel-ids", "/no/such/ids.txt");
        Assert.Equal(2, exit);
        Assert.Contains("--tunnel-ids /no/such/ids.txt: cannot be read", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_has_one_line_per_resource_and_per_source_with_status_and_first_reason()
    {
        var json = JsonNode.Parse(Run("render", RepositoryPaths.Samples("cluster"), RepositoryPaths.Samples("problems")).Output)!;
        var (exit, output, _) = Run("render", RepositoryPaths.Samples("cluster"), RepositoryPaths.Samples("problems"), "--output", "table");
        Assert.Equal(1, exit);
        var lines = output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var resources = json["resources"]!.AsArray();
        var unresolved = json["unresolved"]!.AsArray();
        var expected = resources.Sum(r => 1 + r!["sources"]!.AsArray().Count) + (unresolved.Count > 0 ? 1 + unresolved.Count : 0);
        Assert.Equal(expected, lines.Length);
        var rejected = resources.SelectMany(r => r!["sources"]!.AsArray()).Concat(unresolved).First(s => (string?)s!["status"] == "Rejected")!;
        Assert.Contains(lines, l => l.StartsWith("  Rejected ", StringComparison.Ordinal) && l.EndsWith((string)rejected["reasons"]![0]!, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Rejected TunnelConfiguration 6ff42ae2-765d-4adf-8112-31c55c1551ef", StringComparison.Ordinal));
    }

    [Fact]
    public void The_table_marks_a_pending_tunnel_and_lists_ignored_kinds()
    {
        var (_, output, _) = Run("render", NewTunnelCluster(), Write("extra.yaml", ForeignObjects), "--output=table");
        Assert.Contains("Pending  TunnelConfiguration pending:Tunnel/team-a/internal\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("ignored (kinds CfSync does not read)\n        1 apps/v1 Deployment\n        1 v1 Secret\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    public static TheoryData<string[], string> OptionErrors => new()
    {
        { new[] { "render", "x.yaml", "--output" }, "--output takes one format: json or table" },
        { new[] { "render", "x.yaml", "--output=yaml" }, "--output takes one format: json or table" },
        { new[] { "render", "x.yaml", "--tunnel-id" }, "--tunnel-id takes <source key>=<uuid>" },
        { new[] { "render", "x.yaml", "--tunnel-ids" }, "--tunnel-ids takes a file" },
        { new[] { "render", "x.yaml", "--diff" }, "--diff takes one earlier render's JSON output" },
        { new[] { "render", "x.yaml", "--diff", "a.json", "--diff", "b.json" }, "--diff takes one earlier render's JSON output" },
        { new[] { "render", "x.yaml", "--strict=yes" }, "unknown option '--strict=yes'" },
    };

    [Theory]
    [MemberData(nameof(OptionErrors))]
    public void Option_errors_exit_2_with_a_clear_message(string[] args, string message)
    {
        var (exit, output, error) = Run(args);
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains($"cfsync render: {message}", error, StringComparison.Ordinal);
    }
}
