using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace CfSync.Translation.Manifests;

/// <summary>One Kubernetes object read from a manifest, with where it starts (1-based line).</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The Kubernetes object is what a manifest document is.")]
public sealed record ManifestDocument(JsonObject Object, string File, int Line);
