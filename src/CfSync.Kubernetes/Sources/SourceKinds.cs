using CfSync.Translation;

namespace CfSync.Kubernetes.Sources;

/// <summary>Where a source kind lives in the Kubernetes API (from <see cref="Kinds"/>), and whether CfSync writes a condition into its status.</summary>
public sealed record SourceKind(KindDescription Description, bool TakesCondition)
{
    public string Kind => Description.Kind.Kind;

    public string Group => Description.Kind.Group;

    public string Version => Description.ReadVersion;

    public string Plural => Description.Plural;

    public bool Namespaced => Description.Namespaced;

    public string ApiVersion => Description.ReadApiVersion;
}

/// <summary>The kinds that contribute fragments, by source kind (a TunnelBinding's status is written in our group).</summary>
public static class SourceKinds
{
    // Ingress and HTTPRoute have no conditions of ours: their own status shapes are the controllers' (see SourceStatusWriter).
    private static readonly string[] WithoutCondition = ["Ingress", "HTTPRoute"];

    public static SourceKind? Find(string kind) =>
        Kinds.All.FirstOrDefault(k => k.ContributesFragments && k.Kind.Kind == kind) is { } description
            ? new SourceKind(description, !WithoutCondition.Contains(kind))
            : null;
}
