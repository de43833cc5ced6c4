using System.Text.Json.Nodes;
using CfSync.Translation.Manifests;

namespace CfSync.Translation.Translators;

/// <summary>Translates one kind. The dispatcher has checked the version and that the object is not being deleted.</summary>
internal interface IKindTranslator
{
    /// <summary>The API versions of the kind we read.</summary>
    IReadOnlyCollection<string> Versions { get; }

    bool ClusterScoped { get; }

    TranslationResult Translate(JsonObject obj, IClusterView view);
}
