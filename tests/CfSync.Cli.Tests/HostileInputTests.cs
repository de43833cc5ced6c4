using System.Text.Json.Nodes;

namespace CfSync.Cli.Tests;

/// <summary>
/// <c>cfsync render</c> with hostile manifests: exit code 2 and one line per problem naming the file, the document
/// and the line; never a crash (a stack overflow was exit 134), never a partial render.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("cfsync-hostile-");

    public void Dispose() => folder.Delete(recursive: true);

    private string Write(string name, string text)
    {
        var file = Path.Combine(folder.FullName, name);
        File.WriteAllText(file, text);
        return file;
    }

    private static (int Exit, string Output, string Error) Render(params string[] paths)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CfSyncCommand.Run(["render", .. paths], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static string BillionLaughs()
    {
        var lines = new List<string> { "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]" };
        for (var level = 'b'; level <= 'i'; level++)
        {
            lines.Add($"{level}: &{level} [{string.Join(", ", Enumerable.Repeat($"*{(char)(level - 1)}", 9))}]");
        }

        return string.Join('\n', lines) + "\n";
    }

    private static string Ingress(string metadata) =>
        $"apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n{metadata}\nspec:\n  ingressClassName: cloudflare-tunnel\n";

    private static string DeepUnknownField()
    {
        var nested = string.Concat(Enumerable.Repeat("{\"f\":", 70)) + "1" + new string('}', 70);
        return "{\"apiVersion\":\"networking.cloudflare-operator.io/v1alpha2\",\"kind\":\"ClusterTunnel\",\"metadata\":{\"name\":\"t\"},\n"
            + "\"spec\":{\"existingTunnel\":{\"id\":\"6ff42ae2-765d-4adf-8112-31c55c1551ef\"},\"unknown\":" + nested + "}}";
    }

    // The case, the manifest, and where its problem must be named (file:line[:column]).
    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "recursive alias", "recursive.yaml", "a: &a [*a]\n", ":1:8: document 1: a[0]: alias" },
        { "billion laughs", "laughs.yaml", BillionLaughs(), ":4:8: document 1: d[0]: aliases copy more than" },
        { "JSON nested 50,000 deep", "deep.json", new string('[', 50_000) + new string(']', 50_000), ":1:65: document 1: " },
        { "name with a slash", "name.yaml", Ingress("  name: a/b\n  namespace: shop"), ":4:3: document 1: Ingress shop/a/b: metadata.name: 'a/b' must be" },
        { "namespace with a slash", "namespace.yaml", Ingress("  name: web\n  namespace: a/b"), ":5:3: document 1: Ingress a/b/web: metadata.namespace: 'a/b' must be" },
        { "kind 5", "kind.yaml", "apiVersion: v1\nkind: 5\nmetadata: {name: a}\n", ":2:1: document 1: kind: must be a string, not the number 5" },
        { "apiVersion 1", "version.yaml", "apiVersion: 1\nkind: Service\nmetadata: {name: a}\n", ":1:1: document 1: Service a: apiVersion: must be a string" },
        { "uid not a string", "uid.yaml", Ingress("  name: web\n  uid: [1]"), ":5:3: document 1: Ingress web: metadata.uid: must be a string, not a sequence" },
        { "unknown field nested deeper than 64", "field.json", DeepUnknownField(), ":2:" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_hostile_manifest_exits_2_naming_file_and_line(string hostileCase, string name, string text, string where)
    {
        var file = Write(name, text);
        var (exit, output, error) = Render(file);
        Assert.True(exit == 2, $"{hostileCase}: exit {exit}");
        Assert.Equal(string.Empty, output);
        Assert.Contains($"cfsync render: {file}{where}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_a_line_and_nothing_is_rendered_from_the_good_documents()
    {
        var good = File.ReadAllText(RepositoryPaths.Samples("cluster", "00-tunnels.yaml"));
        var file = Write("mixed.yaml", $"{good}\n---\napiVersion: v1\nkind: 5\nmetadata: {{name: a}}\n---\n{Ingress("  name: a/b")}");
        var (exit, output, error) = Render(file);
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"mixed\.yaml:\d+:1: document 3: kind: must be a string, not the number 5", lines[0]);
        Assert.Matches(@"mixed\.yaml:\d+:3: document 4: Ingress a/b: metadata\.name: 'a/b' must be", lines[1]);
    }

    [Fact]
    public void A_20_MB_file_exits_2_naming_it_before_it_is_parsed()
    {
        var file = Write("huge.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  host: " + new string('a', 20_000_000) + "\n");
        var (exit, _, error) = Render(file);
        Assert.Equal(2, exit);
        Assert.StartsWith($"cfsync render: {file}: is larger than", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_1_MB_hostname_is_rejected_with_a_reason_that_quotes_only_its_prefix()
    {
        var cluster = string.Join("\n---\n", new[] { "00-tunnels.yaml", "10-ingress-class.yaml" }.Select(f => File.ReadAllText(RepositoryPaths.Samples("cluster", f))));
        var file = Write("host.yaml", cluster + $$"""

            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec: {ports: [{name: http, port: 80}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: huge, namespace: shop}
            spec:
              ingressClassName: cloudflare-tunnel
              rules:
              - host: {{new string('a', 1_000_000)}}.example.com
                http:
                  paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service:
                        name: web
                        port: {number: 80}
            """);
        var (exit, output, _) = Render(file);
        Assert.Equal(1, exit);
        Assert.True(output.Length < 10_000, $"{output.Length} characters of output");
        var reason = JsonNode.Parse(output)!["resources"]!.AsArray()
            .SelectMany(r => r!["sources"]!.AsArray()).Single(s => (string?)s!["name"] == "huge")!["reasons"]![0]!.GetValue<string>();
        Assert.Contains("…(1000012 chars)", reason, StringComparison.Ordinal);
    }
}
