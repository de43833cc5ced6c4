using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using CfSync.Translation.Manifests;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace CfSync.Testing;

/// <summary>
/// What <c>kubectl kustomize infra/overlays/{name}</c> builds (kubectl must be on the PATH, as on our machines and in
/// CI): the objects a user applies, each read by the repository's own manifest reader.
/// </summary>
public sealed class Overlay
{
    public const string Namespace = "cfsync";

    private static readonly ConcurrentDictionary<string, Lazy<Overlay>> Built = new();

    private Overlay(string name, IReadOnlyList<JsonObject> objects) => (Name, Objects) = (name, objects);

    public static TheoryData<string> Names => ["local", "production"];

    public string Name { get; }

    public IReadOnlyList<JsonObject> Objects { get; }

    public static Overlay Of(string name) => Built.GetOrAdd(name, n => new Lazy<Overlay>(() => Build(n))).Value;

    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => (string?)o["kind"] == kind);

    public JsonObject? Find(string kind, string name) => OfKind(kind).SingleOrDefault(o => NameOf(o) == name);

    public JsonObject Get(string kind, string name) => Find(kind, name) ?? throw new InvalidOperationException($"{Name}: no {kind} {name}.");

    public static string NameOf(JsonObject obj) => (string)obj["metadata"]!["name"]!;

    public static string? NamespaceOf(JsonObject obj) => (string?)obj["metadata"]!["namespace"];

    public static JsonObject PodSpec(JsonObject deployment) => deployment["spec"]!["template"]!["spec"]!.AsObject();

    public static IEnumerable<JsonObject> Containers(JsonObject deployment) => PodSpec(deployment)["containers"]!.AsArray().Select(c => c!.AsObject());

    /// <summary>The one container of a CfSync Deployment.</summary>
    public static JsonObject App(JsonObject deployment) => Containers(deployment).Single();

    /// <summary>
    /// The container's environment as the program sees it, as configuration (<c>__</c> read as <c>:</c>): literal values,
    /// ConfigMap keys (envFrom and configMapKeyRef) and the pod's namespace resolved; Secret values are not in this
    /// repository and stay out.
    /// </summary>
    public IConfiguration Environment(JsonObject deployment)
    {
        var container = App(deployment);
        var values = new Dictionary<string, string?>();
        foreach (var source in container["envFrom"]?.AsArray() ?? [])
        {
            var configMap = Get("ConfigMap", (string)source!["configMapRef"]!["name"]!);
            foreach (var (key, value) in configMap["data"]!.AsObject())
            {
                values[key] = (string?)value;
            }
        }

        foreach (var variable in container["env"]?.AsArray() ?? [])
        {
            var name = (string)variable!["name"]!;
            if (variable["value"] is { } literal)
            {
                values[name] = (string?)literal;
            }
            else if (variable["valueFrom"]!["configMapKeyRef"] is { } reference)
            {
                values[name] = (string?)Get("ConfigMap", (string)reference["name"]!)["data"]![(string)reference["key"]!];
            }
            else if ((string?)variable["valueFrom"]!["fieldRef"]?["fieldPath"] == "metadata.namespace")
            {
                values[name] = NamespaceOf(deployment);
            }
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key.Replace("__", ":", StringComparison.Ordinal), v => v.Value)).Build();
    }

    private static Overlay Build(string name)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", Path.Combine("infra", "overlays", name)])
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var yaml = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl kustomize infra/overlays/{name} failed: {stderr.Result}");
        }

        return new Overlay(name, [.. ManifestReader.ReadText(yaml, $"kustomize:{name}").Select(d => d.Object)]);
    }
}
