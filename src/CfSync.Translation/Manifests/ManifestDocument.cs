using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace CfSync.Translation.Manifests;

/// <summary>
/// One Kubernetes object as <see cref="ManifestReader"/> read and checked it (apiVersion, kind, metadata.name,
/// namespace and uid by Kubernetes' rules), and where it is: the file, the 1-based index of its YAML document in
/// the file, and the line where it starts. Only the reader makes them.
/// </summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The Kubernetes object is what a manifest document is.")]
public sealed record ManifestDocument
{
    internal ManifestDocument(JsonObject obj, string file, int document, int line)
    {
        Object = obj;
        File = file;
        Document = document;
        Line = line;
    }

    public JsonObject Object { get; }

    public string File { get; }

    public int Document { get; }

    public int Line { get; }

    /// <summary>A problem with this object found after reading (by a caller that checks more than the reader does).</summary>
    public ManifestProblem Problem(string? field, string message)
    {
        var metadata = Object["metadata"]!.AsObject();
        return new ManifestProblem(File, Document, Line, 0,
            ObjectDescription.Of((string)Object["kind"]!, (string?)metadata["namespace"], (string?)metadata["name"]), field, message);
    }
}
