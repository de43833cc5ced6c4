using System.Text.Json.Nodes;
using CfSync.Translation.Manifests;

namespace CfSync.EndToEnd.Tests;

/// <summary>
/// The manifests as they now are: what was applied to the cluster, kept as files in a folder of their own so that
/// `cfsync render` reads exactly what the cluster was given. Starts as samples/cluster.
/// </summary>
internal sealed class Manifests : IDisposable
{
    private readonly List<JsonObject> _objects;

    private Manifests(List<JsonObject> objects)
    {
        _objects = objects;
        Folder = Directory.CreateTempSubdirectory("cfsync-e2e-manifests-").FullName;
        Write();
    }

    public string Folder { get; }

    public IReadOnlyList<JsonObject> Objects => _objects;

    public static Manifests Samples() =>
        new([.. ManifestReader.ReadPath(Path.Combine(AppContext.BaseDirectory, "samples", "cluster")).Select(d => d.Object.DeepClone().AsObject())]);

    /// <summary>A copy of the manifest of that kind and name (to edit, then <see cref="Put"/>).</summary>
    public JsonObject Get(string kind, string name) =>
        _objects.Single(o => Is(o, kind, name)).DeepClone().AsObject();

    /// <summary>Adds the manifest or replaces the one of its kind, namespace and name.</summary>
    public void Put(JsonObject manifest)
    {
        var index = _objects.FindIndex(o => SameObject(o, manifest));
        if (index < 0)
        {
            _objects.Add(manifest.DeepClone().AsObject());
        }
        else
        {
            _objects[index] = manifest.DeepClone().AsObject();
        }

        Write();
    }

    public void Remove(JsonObject manifest)
    {
        Assert.Equal(1, _objects.RemoveAll(o => SameObject(o, manifest)));
        Write();
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static bool Is(JsonObject obj, string kind, string name) =>
        (string?)obj["kind"] == kind && (string?)obj["metadata"]!["name"] == name;

    private static bool SameObject(JsonObject a, JsonObject b) =>
        (string?)a["apiVersion"] == (string?)b["apiVersion"] && (string?)a["kind"] == (string?)b["kind"]
        && (string?)a["metadata"]!["namespace"] == (string?)b["metadata"]!["namespace"] && (string?)a["metadata"]!["name"] == (string?)b["metadata"]!["name"];

    /// <summary>One JSON file per object, in order (render reads a folder in ordinal path order).</summary>
    private void Write()
    {
        foreach (var file in Directory.EnumerateFiles(Folder))
        {
            File.Delete(file);
        }

        for (var i = 0; i < _objects.Count; i++)
        {
            File.WriteAllText(Path.Combine(Folder, $"{i:D3}.json"), _objects[i].ToJsonString());
        }
    }
}
