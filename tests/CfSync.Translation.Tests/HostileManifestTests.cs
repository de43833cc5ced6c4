using System.Text;
using System.Text.Json.Nodes;
using CfSync.Translation.Manifests;

namespace CfSync.Translation.Tests;

/// <summary>
/// Hostile manifests end in a <see cref="ManifestException"/> naming the file, the document, the line and the
/// field, at bounded cost; never in another exception, a stack overflow or a partial result.
/// </summary>
public sealed class HostileManifestTests
{
    private static ManifestProblem Refused(string text, string file = "h.yaml") =>
        Assert.Single(Assert.Throws<ManifestException>(() => ManifestReader.ReadText(text, file)).Problems);

    private static string Deep(int depth, string leaf) =>
        string.Concat(Enumerable.Repeat("{\"f\":", depth)) + leaf + new string('}', depth);

    // A ClusterTunnel whose spec.unknown nests mappings so that the document's depth is `depth` in all.
    private static string TunnelNested(int depth) =>
        """{"apiVersion":"networking.cloudflare-operator.io/v1alpha2","kind":"ClusterTunnel","metadata":{"name":"t"},""" + "\n"
        + """ "spec":{"existingTunnel":{"id":"tunnel-t"},"unknown":""" + Deep(depth - 2, "1") + "}}";

    [Fact]
    public void A_recursive_alias_is_refused_naming_its_line()
    {
        var problem = Refused("a: &a [*a]\n");
        Assert.Equal(("h.yaml", 1, 1, "a[0]"), (problem.File, problem.Document, problem.Line, problem.Field));
        Assert.Contains("alias *a is inside the node it names", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_billion_laughs_is_refused_after_a_bounded_number_of_copies()
    {
        var text = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 'b'; level <= 'i'; level++)
        {
            text.Append(CultureInfo($"{level}: &{level} [{string.Join(", ", Enumerable.Repeat($"*{(char)(level - 1)}", 9))}]\n"));
        }

        var problem = Refused(text.ToString());
        Assert.Contains("an alias bomb", problem.Message, StringComparison.Ordinal);
        Assert.InRange(problem.Line, 2, 9);
    }

    [Fact]
    public void An_alias_without_an_anchor_before_it_is_refused() =>
        Assert.Contains("has no anchor &x before it", Refused("a: *x\nb: &x 1\n").Message, StringComparison.Ordinal);

    // YamlDotNet's parser throws InvalidOperationException or ArgumentException, not a YamlException, for these.
    [Theory]
    [InlineData("a: [[b, c]\nd: {e: f}\ng: h\n", 1)]
    [InlineData("a: [b,!<> c]\n", 1)]
    [InlineData("a: 1\nc: !!s-~tr] d\n", 2)]
    [InlineData("... a: 1\n", 1)]
    public void Malformed_yaml_that_the_parser_fails_on_is_a_problem_naming_where_it_stopped(string text, int line)
    {
        var problem = Refused(text);
        Assert.Equal(line, problem.Line);
        Assert.Contains("not valid YAML", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinary_anchors_are_copied_and_each_copy_is_its_own()
    {
        var documents = ManifestReader.ReadText("""
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: v1, kind: ConfigMap, metadata: &meta {name: a, labels: {app: shop}}}
            - {apiVersion: v1, kind: Service, metadata: *meta}
            """, "l.yaml");
        Assert.Equal(["ConfigMap", "Service"], documents.Select(d => (string?)d.Object["kind"]));
        Assert.True(JsonNode.DeepEquals(documents[0].Object["metadata"]!["labels"], documents[1].Object["metadata"]!["labels"]));
        Assert.NotSame(documents[0].Object["metadata"], documents[1].Object["metadata"]);
        Assert.Equal("default", (string?)documents[1].Object["metadata"]!["namespace"]);
        Assert.Null(documents[0].Object["metadata"]!["namespace"]);
    }

    [Fact]
    public void Json_nested_50_000_deep_is_refused_at_the_depth_bound()
    {
        var problem = Refused(new string('[', 50_000) + new string(']', 50_000), "deep.json");
        Assert.Equal((1, ManifestLimits.MaxDepth + 1), (problem.Line, problem.Column));
        Assert.Contains($"nests deeper than {ManifestLimits.MaxDepth}", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_nested_to_the_bound_is_read_and_translates_without_throwing()
    {
        var documents = ManifestReader.ReadText(TunnelNested(ManifestLimits.MaxDepth), "t.json");
        var result = ObjectTranslator.Translate(Assert.Single(documents).Object, new ManifestSet(documents));
        Assert.Single(result.Registrations);
    }

    [Fact]
    public void An_unknown_field_nested_past_the_bound_is_refused_naming_the_field()
    {
        var problem = Refused(TunnelNested(ManifestLimits.MaxDepth + 1), "t.json");
        Assert.StartsWith("spec.unknown.f.f", problem.Field, StringComparison.Ordinal);
        Assert.Equal(2, problem.Line);
    }

    [Fact]
    public void An_alias_that_would_nest_past_the_bound_is_refused()
    {
        var problem = Refused($"a: &deep {Deep(40, "1")}\nb: {Deep(30, "*deep")}\n");
        Assert.Contains("alias *deep nests deeper", problem.Message, StringComparison.Ordinal);
        Assert.Equal(2, problem.Line);
    }

    [Fact]
    public void A_scalar_longer_than_1_MiB_is_refused_naming_its_field()
    {
        var problem = Refused($"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c}}\ndata:\n  big: {new string('x', ManifestLimits.MaxScalarLength + 1)}\n");
        Assert.Equal((5, "data.big"), (problem.Line, problem.Field));
    }

    [Fact]
    public void A_document_longer_than_3_MiB_is_refused()
    {
        var entries = string.Concat(Enumerable.Range(0, 40_000).Select(i => $"  k{i}: {new string('v', 80)}\n"));
        var problem = Refused($"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c}}\ndata:\n{entries}");
        Assert.Contains("longer than 3145728 characters", problem.Message, StringComparison.Ordinal);
        Assert.StartsWith("data.k", problem.Field, StringComparison.Ordinal);
    }

    [Fact]
    public void Aliases_cannot_grow_a_document_past_3_MiB()
    {
        var problem = Refused($"a: &big {new string('x', 1_000_000)}\nb: [*big, *big, *big]\n");
        Assert.Contains("counting what aliases copy", problem.Message, StringComparison.Ordinal);
        Assert.Equal(2, problem.Line);
    }

    [Fact]
    public void A_text_larger_than_16_MiB_is_refused_before_it_is_parsed()
    {
        var problem = Refused(new string('#', ManifestLimits.MaxTextLength + 1));
        Assert.Equal((0, 0), (problem.Document, problem.Line));
        Assert.Contains("larger than 16777216 characters", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_larger_than_16_MiB_is_refused_without_reading_past_the_bound()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cfsync-huge-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, "a: " + new string('x', ManifestLimits.MaxTextLength));
        try
        {
            var problem = Assert.Single(Assert.Throws<ManifestException>(() => ManifestReader.ReadPath(file)).Problems);
            Assert.Equal(file, problem.File);
            Assert.Contains("larger than", problem.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("name: a/b", "metadata.name", "'a/b' must be 1-253 lowercase")]
    [InlineData("name: web, namespace: a/b", "metadata.namespace", "'a/b' must be 1-63 lowercase")]
    [InlineData("name: Web", "metadata.name", "'Web' must be")]
    [InlineData("name: web, namespace: shop.example", "metadata.namespace", "'shop.example' must be")]
    [InlineData("name: web, uid: [1]", "metadata.uid", "must be a string, not a sequence")]
    [InlineData("name: web, uid: 7", "metadata.uid", "must be a string, not the number 7")]
    [InlineData("name: 5", "metadata.name", "must be a string, not the number 5")]
    [InlineData("name: ''", "metadata.name", "'' must be")]
    public void Metadata_that_kubernetes_would_refuse_is_refused_naming_document_line_and_field(string metadata, string field, string message)
    {
        var problem = Refused($"apiVersion: v1\nkind: Service\nmetadata: {{name: ok}}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{{metadata}}}\n");
        Assert.Equal((2, 7, field), (problem.Document, problem.Line, problem.Field));
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_longer_than_253_characters_is_refused_and_quoted_at_bounded_length()
    {
        var problem = Refused($"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {new string('a', 500_000)}\n");
        Assert.Equal(("metadata.name", 4), (problem.Field, problem.Line));
        Assert.True(problem.ToString().Length < 1024, $"{problem.ToString().Length} characters");
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: 5\nmetadata: {name: a}\n", "kind", "must be a string, not the number 5")]
    [InlineData("apiVersion: 1\nkind: Service\nmetadata: {name: a}\n", "apiVersion", "must be a string, not the number 1")]
    [InlineData("apiVersion: a/b/v1\nkind: Service\nmetadata: {name: a}\n", "apiVersion", "'a/b/v1' must be a version")]
    [InlineData("apiVersion: v1\nkind: Ser/vice\nmetadata: {name: a}\n", "kind", "'Ser/vice' must be")]
    [InlineData("apiVersion: v1\nkind: Service\nmetadata: [a]\n", "metadata", "must be a mapping, not a sequence")]
    public void Kind_and_api_version_that_kubernetes_would_refuse_are_refused_naming_the_field(string text, string field, string message)
    {
        var problem = Refused(text);
        Assert.Equal(field, problem.Field);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v1", "Service", "1web", false)]
    [InlineData("v1", "Service", "web.x", false)]
    [InlineData("networking.k8s.io/v1", "Ingress", "web.x", true)]
    [InlineData("rbac.authorization.k8s.io/v1", "ClusterRole", "system:controller:x", true)]
    [InlineData("rbac.authorization.k8s.io/v1", "ClusterRole", "a/b", false)]
    public void Names_follow_the_rule_of_their_kind(string apiVersion, string kind, string name, bool valid)
    {
        var read = () => ManifestReader.ReadText($"apiVersion: {apiVersion}\nkind: {kind}\nmetadata: {{name: '{name}'}}\n", "n.yaml");
        if (valid)
        {
            Assert.Single(read());
        }
        else
        {
            Assert.Equal("metadata.name", Assert.Single(Assert.Throws<ManifestException>(read).Problems).Field);
        }
    }

    [Fact]
    public void Every_problem_of_every_document_is_listed_and_nothing_is_returned()
    {
        const string yaml = """
            apiVersion: v1
            kind: Service
            metadata: {name: ok}
            ---
            apiVersion: 1
            kind: Service
            metadata: {name: a/b}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: fine}
            ---
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: v1, kind: Service, metadata: {name: ok2}}
            - apiVersion: v1
              kind: Service
              metadata: {name: x, namespace: Bad}
            """;
        var error = Assert.Throws<ManifestException>(() => ManifestReader.ReadText(yaml, "m.yaml"));
        Assert.Equal(
            [(2, 5, "apiVersion"), (2, 7, "metadata.name"), (4, 19, "items[1].metadata.namespace")],
            error.Problems.Select(p => (p.Document, p.Line, p.Field)));
        Assert.Equal("Service Bad/x", error.Problems[2].ObjectName);
        Assert.False(error.Truncated);
        Assert.Equal(3, error.Message.Split('\n').Length);
    }

    [Fact]
    public void Problems_are_listed_up_to_the_bound_and_then_reading_stops()
    {
        var text = string.Concat(Enumerable.Repeat("---\nkind: 5\n", 1_000));
        var error = Assert.Throws<ManifestException>(() => ManifestReader.ReadText(text, "many.yaml"));
        Assert.Equal(ManifestLimits.MaxProblems, error.Problems.Count);
        Assert.True(error.Truncated);
        Assert.EndsWith($"(reading stopped after {ManifestLimits.MaxProblems} problems)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_duplicate_key_is_quoted_at_bounded_length()
    {
        // An implicit key is at most 1024 characters in YAML; an explicit one (? key) may be any length.
        var key = new string('k', 500_000);
        var problem = Refused($"? {key}\n: 1\n? {key}\n: 2\n");
        Assert.Equal(3, problem.Line);
        Assert.Contains("duplicate key 'kkk", problem.Message, StringComparison.Ordinal);
        Assert.True(problem.ToString().Length < 1024, $"{problem.ToString().Length} characters");
    }

    [Fact]
    public void Every_duplicate_is_listed_with_where_the_first_is()
    {
        var documents = ManifestReader.ReadText(Cluster.Base, "base.yaml");
        var again = ManifestReader.ReadText(Cluster.Base, "again.yaml");
        var error = Assert.Throws<ManifestException>(() => new ManifestSet(documents.Concat(again)));
        Assert.Equal(again.Count, error.Problems.Count);
        Assert.Equal("again.yaml:1: document 1: ClusterTunnel edge: is defined twice (first at base.yaml:1)", error.Problems[0].ToString());
        Assert.Equal(again.Select(d => d.Line), error.Problems.Select(p => p.Line));
    }

    [Fact]
    public void An_empty_list_entry_is_a_field_of_the_wrong_type_not_a_crash()
    {
        var result = Cluster.Translate("Ingress", "app", Cluster.Base, """
            apiVersion: v1
            kind: Service
            metadata: {name: api, namespace: default}
            spec:
              ports:
              -
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: app, namespace: default}
            spec:
              ingressClassName: cloudflare
              rules:
              - host: app.example.com
                http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}]}
            """);
        Assert.Equal("Ingress/default/app: Service default/api: spec.ports: has the wrong type", Cluster.Reason(result));
    }

    [Theory]
    [InlineData("backend: {service: {name: NAME, port: {number: 80}}}")]
    [InlineData("backend: {service: {name: web, port: {name: NAME}}}")]
    [InlineData("pathType: NAME, backend: {service: {name: web, port: {number: 80}}}")]
    public void A_huge_reference_is_quoted_at_bounded_length_in_the_reason(string path)
    {
        var huge = new string('n', 500_000);
        var reason = Cluster.Reason(Cluster.Translate("Ingress", "app", Cluster.Base, """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: app, namespace: default}
            spec:
              ingressClassName: cloudflare
              rules:
              - host: app.example.com
                http:
                  paths:
            """ + "\n      - {path: /, " + path.Replace("NAME", huge, StringComparison.Ordinal) + "}\n"));
        Assert.Contains("…(500000 chars)", reason, StringComparison.Ordinal);
        Assert.True(reason.Length < 1024, $"a reason of {reason.Length} characters");
    }

    private static string CultureInfo(FormattableString text) => FormattableString.Invariant(text);
}
