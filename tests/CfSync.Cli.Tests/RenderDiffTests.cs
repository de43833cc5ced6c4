using System.Text.Json.Nodes;
using CfSync.Cli.Rendering;

namespace CfSync.Cli.Tests;

/// <summary>
/// <c>render --diff</c>: a pull request shows what changes in each Cloudflare body, not only the new state.
/// </summary>
public sealed class RenderDiffTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("cfsync-diff-");

    public void Dispose() => folder.Delete(recursive: true);

    private static JsonObject Tunnel(params string[] rules) => new()
    {
        ["config"] = new JsonObject
        {
            ["ingress"] = new JsonArray(rules.Select(r => JsonNode.Parse(r)).ToArray()),
            ["warp-routing"] = new JsonObject { ["enabled"] = false },
        },
    };

    private const string Api = """{"hostname":"api.example.com","service":"http://api.shop.svc:80"}""";
    private const string Web = """{"hostname":"web.example.com","service":"http://web.shop.svc:80"}""";
    private const string Docs = """{"hostname":"docs.example.com","path":"/v1","service":"http://docs.docs.svc:80"}""";
    private const string Fallback = """{"service":"http_status:404"}""";

    [Fact]
    public void Added_and_removed_rules_do_not_make_the_others_look_moved()
    {
        var diff = BodyDiff.Of("TunnelConfiguration", "t", Tunnel(Api, Web, Fallback), Tunnel(Docs, Api, Fallback));
        Assert.Equal(BodyChange.Changed, diff.Change);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Docs), Assert.Single(diff.AddedRules)));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Web), Assert.Single(diff.RemovedRules)));
        Assert.Empty(diff.MovedRules);
        Assert.Empty(diff.ChangedRules);
        Assert.Empty(diff.Fields);
    }

    [Fact]
    public void A_tunnels_dns_records_are_compared_record_by_record()
    {
        static JsonObject Records(params string[] records) => new() { ["records"] = new JsonArray(records.Select(r => JsonNode.Parse(r)).ToArray()) };
        const string Shop = """{"name":"shop.example.com","proxied":true,"source":"Ingress/shop/shop"}""";
        var diff = BodyDiff.Of(
            "TunnelDnsRecords", "t",
            Records(Shop, """{"name":"old.example.com","proxied":true,"source":"Ingress/shop/old"}"""),
            Records("""{"name":"new.example.com","proxied":true,"source":"Ingress/shop/new"}""", Shop.Replace("true", "false", StringComparison.Ordinal)));

        Assert.Equal(
            [
                ("records[new.example.com].proxied", null, "true"), ("records[new.example.com].source", null, "\"Ingress/shop/new\""),
                ("records[old.example.com].proxied", "true", null), ("records[old.example.com].source", "\"Ingress/shop/old\"", null),
                ("records[shop.example.com].proxied", "true", "false"),
            ],
            diff.Fields.Select(f => (f.Field, f.Before?.ToJsonString(), f.After?.ToJsonString())));
        Assert.Empty(diff.AddedRules);
    }

    [Fact]
    public void A_rule_that_changes_place_is_moved_with_both_positions()
    {
        var diff = BodyDiff.Of("TunnelConfiguration", "t", Tunnel(Api, Web, Docs, Fallback), Tunnel(Docs, Api, Web, Fallback));
        var moved = Assert.Single(diff.MovedRules);
        Assert.Equal((2, 0), (moved.From, moved.To));
        Assert.Equal("docs.example.com", (string?)moved.Rule["hostname"]);
    }

    [Fact]
    public void A_rule_matching_the_same_host_and_path_with_another_service_is_changed_not_added_and_removed()
    {
        var diff = BodyDiff.Of("TunnelConfiguration", "t", Tunnel(Api, Fallback), Tunnel(Api.Replace(":80", ":8080", StringComparison.Ordinal), Fallback));
        var change = Assert.Single(diff.ChangedRules);
        Assert.Equal("api.example.com", change.Field);
        Assert.Equal("http://api.shop.svc:8080", (string?)change.After!["service"]);
        Assert.Empty(diff.AddedRules);
        Assert.Empty(diff.RemovedRules);
    }

    [Fact]
    public void Tunnel_settings_and_one_to_one_bodies_report_changed_fields_by_path()
    {
        var before = Tunnel(Fallback);
        var after = Tunnel(Fallback);
        after["config"]!["warp-routing"]!["enabled"] = true;
        after["config"]!["originRequest"] = new JsonObject { ["noTLSVerify"] = true };
        var tunnel = BodyDiff.Of("TunnelConfiguration", "t", before, after);
        Assert.Equal(["config.originRequest.noTLSVerify", "config.warp-routing.enabled"], tunnel.Fields.Select(f => f.Field));
        Assert.Null(tunnel.Fields[0].Before);

        var record = BodyDiff.Of("DNSRecord", "CNAME:www.example.com",
            JsonNode.Parse("""{"name":"www.example.com","proxied":true,"ttl":1}""")!.AsObject(),
            JsonNode.Parse("""{"name":"www.example.com","proxied":false,"ttl":1}""")!.AsObject());
        var field = Assert.Single(record.Fields);
        Assert.Equal(("proxied", "true", "false"), (field.Field, field.Before!.ToJsonString(), field.After!.ToJsonString()));
    }

    [Fact]
    public void A_body_that_appears_is_added_with_all_its_rules_and_fields()
    {
        var diff = BodyDiff.Of("TunnelConfiguration", "t", null, Tunnel(Api, Fallback));
        Assert.Equal(BodyChange.Added, diff.Change);
        Assert.Equal(2, diff.AddedRules.Count);
        Assert.Equal("config.warp-routing.enabled", Assert.Single(diff.Fields).Field);
        Assert.Equal(BodyChange.Removed, BodyDiff.Of("TunnelConfiguration", "t", Tunnel(Api), null).Change);
    }

    [Fact]
    public void The_same_manifests_against_their_own_render_have_no_change()
    {
        var (exit, output, error) = RenderPreMergeTests.Run("render", RepositoryPaths.Samples("cluster"), "--diff", RepositoryPaths.Samples("expected", "cluster.json"));
        Assert.Equal(string.Empty, error);
        Assert.Equal(0, exit);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"changes":[]}"""), JsonNode.Parse(output)));
    }

    [Fact]
    public void Diff_against_a_folder_shows_the_rule_the_change_adds_and_keeps_the_exit_code_of_the_new_state()
    {
        var (exit, output, _) = RenderPreMergeTests.Run("render", RepositoryPaths.Samples("cluster"), RepositoryPaths.Samples("problems"),
            "--diff", RepositoryPaths.Samples("cluster"));
        Assert.Equal(1, exit);
        var change = Assert.Single(JsonNode.Parse(output)!["changes"]!.AsArray())!;
        Assert.Equal("6ff42ae2-765d-4adf-8112-31c55c1551ef", (string?)change["cloudflareId"]);
        Assert.Equal("changed", (string?)change["change"]);
        Assert.Single(change["ingress"]!["added"]!.AsArray());
        Assert.Empty(change["ingress"]!["removed"]!.AsArray());
        Assert.Empty(change["ingress"]!["moved"]!.AsArray());
    }

    [Fact]
    public void The_diff_table_prints_one_line_per_change()
    {
        var (_, output, _) = RenderPreMergeTests.Run("render", RepositoryPaths.Samples("cluster"), RepositoryPaths.Samples("problems"),
            "--diff", RepositoryPaths.Samples("expected", "cluster.json"), "--output", "table");
        var lines = output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal("changed TunnelConfiguration 6ff42ae2-765d-4adf-8112-31c55c1551ef", lines[0]);
        Assert.StartsWith("  + rule {", lines[1], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public void A_json_file_that_is_not_a_render_output_exits_2_naming_what_is_wrong()
    {
        var file = Path.Combine(folder.FullName, "old.json");
        File.WriteAllText(file, """{"resources":[{"resourceType":"TunnelConfiguration"}]}""");
        var (exit, output, error) = RenderPreMergeTests.Run("render", RepositoryPaths.Samples("cluster"), "--diff", file);
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains($"--diff {file}: not the JSON output of cfsync render: resources[0] is not a rendered resource", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_earlier_state_exits_2_with_the_readers_problem()
    {
        var file = Path.Combine(folder.FullName, "old.json");
        File.WriteAllText(file, "{\"resources\": [");
        var (exit, _, error) = RenderPreMergeTests.Run("render", RepositoryPaths.Samples("cluster"), "--diff", file);
        Assert.Equal(2, exit);
        Assert.Contains(file, error, StringComparison.Ordinal);
    }
}
