using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Translation.Manifests;

namespace CfSync.Translation.Tests;

public sealed class ManifestReaderTests
{
    [Fact]
    public void Multi_document_yaml_skips_empty_documents_and_keeps_each_start_line()
    {
        const string yaml = """
            # leading comment
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: a, namespace: x}
            ---
            ---
            # only a comment
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: b}
            """;
        var documents = ManifestReader.ReadText(yaml, "m.yaml");
        Assert.Equal(["a", "b"], documents.Select(d => (string?)d.Object["metadata"]!["name"]));
        Assert.Equal([3, 10], documents.Select(d => d.Line));
        Assert.All(documents, d => Assert.Equal("m.yaml", d.File));
    }

    [Fact]
    public void A_namespaced_kind_without_namespace_lands_in_default_and_cluster_kinds_stay_without()
    {
        var documents = ManifestReader.ReadText("""
            apiVersion: v1
            kind: Service
            metadata: {name: a}
            ---
            apiVersion: networking.cloudflare-operator.io/v1alpha2
            kind: ClusterTunnel
            metadata: {name: t}
            """, "m.yaml");
        Assert.Equal("default", (string?)documents[0].Object["metadata"]!["namespace"]);
        Assert.Null(documents[1].Object["metadata"]!["namespace"]);
    }

    [Fact]
    public void Json_objects_and_top_level_json_arrays_are_read()
    {
        var single = ManifestReader.ReadText("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"a","namespace":"n"},"spec":{"ports":[{"port":80}]}}""", "a.json");
        Assert.Equal(80, (int)Assert.Single(single).Object["spec"]!["ports"]![0]!["port"]!);

        var array = ManifestReader.ReadText("""
            [{"apiVersion":"v1","kind":"Service","metadata":{"name":"a"}},
             {"apiVersion":"v1","kind":"Service","metadata":{"name":"b"}}]
            """, "b.json");
        Assert.Equal(2, array.Count);
        Assert.Equal(2, array[1].Line);
    }

    [Theory]
    [InlineData("v1", "List")]
    [InlineData("v1", "ServiceList")]
    public void List_kinds_are_flattened_into_their_items(string apiVersion, string kind)
    {
        var documents = ManifestReader.ReadText($"""
            apiVersion: {apiVersion}
            kind: {kind}
            items:
            - apiVersion: v1
              kind: Service
              metadata: {"{"}name: a{"}"}
            - apiVersion: v1
              kind: Service
              metadata: {"{"}name: b{"}"}
            """, "l.yaml");
        Assert.Equal(["a", "b"], documents.Select(d => (string?)d.Object["metadata"]!["name"]));
        Assert.Equal([4, 7], documents.Select(d => d.Line));
    }

    // YAML 1.2 core schema: plain scalars are typed, quoted ones are strings; YAML 1.1 booleans like yes stay strings.
    [Theory]
    [InlineData("true", JsonValueKind.True, "true")]
    [InlineData("False", JsonValueKind.False, "false")]
    [InlineData("\"true\"", JsonValueKind.String, "\"true\"")]
    [InlineData("'123'", JsonValueKind.String, "\"123\"")]
    [InlineData("123", JsonValueKind.Number, "123")]
    [InlineData("-7", JsonValueKind.Number, "-7")]
    [InlineData("0x1F", JsonValueKind.Number, "31")]
    [InlineData("0o17", JsonValueKind.Number, "15")]
    [InlineData("1.5", JsonValueKind.Number, "1.5")]
    [InlineData("1e3", JsonValueKind.Number, "1000")]
    [InlineData("yes", JsonValueKind.String, "\"yes\"")]
    [InlineData("0777x", JsonValueKind.String, "\"0777x\"")]
    [InlineData("!!str 42", JsonValueKind.String, "\"42\"")]
    [InlineData(".inf", JsonValueKind.String, "\".inf\"")]
    [InlineData("1e999", JsonValueKind.String, "\"1e999\"")]
    [InlineData("0o7777777777777777777777777", JsonValueKind.String, "\"0o7777777777777777777777777\"")]
    [InlineData("0o777777777777777777777", JsonValueKind.Number, "9223372036854775807")]
    public void Scalars_are_typed_by_the_core_schema(string scalar, JsonValueKind kind, string json)
    {
        var document = Assert.Single(ManifestReader.ReadText($"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c}}\nvalue: {scalar}\n", "t.yaml"));
        var value = Assert.IsAssignableFrom<JsonValue>(document.Object["value"]);
        Assert.Equal(kind, value.GetValueKind());
        Assert.Equal(json, value.ToJsonString());
    }

    [Theory]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("")]
    public void Plain_null_forms_are_null(string scalar)
    {
        var document = Assert.Single(ManifestReader.ReadText($"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c}}\nvalue: {scalar}\n", "t.yaml"));
        Assert.True(document.Object.ContainsKey("value"));
        Assert.Null(document.Object["value"]);
    }

    [Fact]
    public void A_syntax_error_names_the_file_line_and_column()
    {
        const string yaml = "apiVersion: v1\nkind: Service\nmetadata:\n  name: [unclosed\n";
        var problem = Assert.Single(Assert.Throws<ManifestException>(() => ManifestReader.ReadText(yaml, "bad.yaml")).Problems);
        Assert.Equal(("bad.yaml", 1), (problem.File, problem.Document));
        Assert.StartsWith("bad.yaml:4:9: document 1: ", problem.ToString(), StringComparison.Ordinal);
    }

    // YamlDotNet reports a tab in indentation at 1:1, or at the scalar before it: the user must find the tab.
    [Theory]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n", 4, 1)]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n\tdata: 3\n", 4, 1)]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  a: 1\n\tb: 2\n", 6, 1)]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  x: 1\n  \tname: x\n", 5, 3)]
    public void A_tab_in_indentation_is_reported_at_the_tab(string yaml, int line, int column)
    {
        var problem = Assert.Single(Assert.Throws<ManifestException>(() => ManifestReader.ReadText(yaml, "tab.yaml")).Problems);
        Assert.Equal((line, column), (problem.Line, problem.Column));
        Assert.Equal("a tab in indentation: YAML indents with spaces only", problem.Message);
    }

    // The parser notices an unclosed [ or { lines later (or throws without a position); the fix is where it opens.
    [Theory]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: [1, 2\nc: 3\nd: 4\n", "sequence '['")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: [1, 2,\n  3\n", "sequence '['")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: 1\n", "mapping '{'")]
    public void An_unclosed_flow_collection_is_reported_where_it_opens(string yaml, string what)
    {
        var problem = Assert.Single(Assert.Throws<ManifestException>(() => ManifestReader.ReadText(yaml, "flow.yaml")).Problems);
        Assert.Equal((4, 7), (problem.Line, problem.Column));
        Assert.Contains($"flow {what}", problem.Message, StringComparison.Ordinal);
        Assert.Contains("never closed", problem.Message, StringComparison.Ordinal);
    }

    // A closed flow collection before the error must not be blamed for it.
    [Fact]
    public void A_closed_flow_collection_is_not_blamed_for_a_later_error()
    {
        const string yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: [a, b]\nother: \"unclosed\n";
        var problem = Assert.Single(Assert.Throws<ManifestException>(() => ManifestReader.ReadText(yaml, "late.yaml")).Problems);
        Assert.True(problem.Line >= 5, $"line {problem.Line}");
        Assert.DoesNotContain("never closed", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_that_is_not_an_object_names_its_line()
    {
        var noKind = Assert.Throws<ManifestException>(() => ManifestReader.ReadText("apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\nfoo: bar\n", "x.yaml"));
        Assert.Equal([("apiVersion", 5, 2), ("kind", 5, 2), ("metadata", 5, 2)], noKind.Problems.Select(p => (p.Field, p.Line, p.Document)));
        Assert.All(noKind.Problems, p => Assert.Equal("is required", p.Message));

        var noName = Assert.Throws<ManifestException>(() => ManifestReader.ReadText("apiVersion: v1\nkind: Service\nmetadata: {}\n", "y.yaml"));
        Assert.Equal("y.yaml:3:11: document 1: Service: metadata.name: is required", noName.Message);

        var duplicate = Assert.Throws<ManifestException>(() => ManifestReader.ReadText("apiVersion: v1\nkind: Service\nkind: Pod\n", "z.yaml"));
        Assert.Equal(3, Assert.Single(duplicate.Problems).Line);
        Assert.Contains("duplicate key 'kind'", duplicate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folders_are_read_recursively_in_path_order_without_following_links_to_folders_and_other_files_ignored()
    {
        var root = Directory.CreateTempSubdirectory("cfsync-manifests-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "sub"));
            File.WriteAllText(Path.Combine(root, "b.yml"), "apiVersion: v1\nkind: Service\nmetadata: {name: b}\n");
            File.WriteAllText(Path.Combine(root, "sub", "c.json"), """{"apiVersion":"v1","kind":"Service","metadata":{"name":"c"}}""");
            File.WriteAllText(Path.Combine(root, "a.yaml"), "apiVersion: v1\nkind: Service\nmetadata: {name: a}\n");
            File.WriteAllText(Path.Combine(root, "notes.txt"), "not: [yaml");
            Directory.CreateSymbolicLink(Path.Combine(root, "sub", "loop"), root);
            var documents = ManifestReader.ReadPaths([root]);
            Assert.Equal(["a", "b", "c"], documents.Select(d => (string?)d.Object["metadata"]!["name"]));
            Assert.EndsWith(Path.Combine("sub", "c.json"), documents[2].File, StringComparison.Ordinal);

            var missing = Assert.Throws<ManifestException>(() => ManifestReader.ReadPath(Path.Combine(root, "missing.yaml")));
            Assert.Contains("missing.yaml", missing.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_manifest_set_finds_by_group_kind_namespace_and_name_and_refuses_duplicates()
    {
        var documents = ManifestReader.ReadText(Cluster.Base, "base.yaml");
        var set = new ManifestSet(documents);
        Assert.NotNull(set.Find(Kinds.Service, "default", "web"));
        Assert.Null(set.Find(Kinds.Service, "other", "web"));
        Assert.Null(set.Find(new GroupKind("example.com", "Service"), "default", "web"));
        Assert.NotNull(set.Find(Kinds.ClusterTunnel, null, "edge"));
        Assert.Single(set.List(Kinds.IngressClass));
        Assert.Empty(set.List(Kinds.HttpRoute));

        var duplicate = Assert.Throws<ManifestException>(() => new ManifestSet(documents.Concat(ManifestReader.ReadText(Cluster.Base, "again.yaml"))));
        Assert.StartsWith("again.yaml:1:", duplicate.Message, StringComparison.Ordinal);
    }
}
