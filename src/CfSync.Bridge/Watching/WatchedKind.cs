using CfSync.Translation;

namespace CfSync.Bridge.Watching;

/// <summary>
/// One kind the bridge lists and watches cluster-wide, in the version CfSync reads it; <paramref name="StatusRead"/>
/// as <see cref="KindDescription.StatusRead"/>.
/// </summary>
internal sealed record WatchedKind(string Group, string Version, string Plural, string Kind, bool Namespaced, bool StatusRead)
{
    public static WatchedKind Of(KindDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return new(description.Kind.Group, description.ReadVersion, description.Plural, description.Kind.Kind, description.Namespaced, description.StatusRead);
    }

    /// <summary>Every kind CfSync reads (<see cref="Kinds.All"/>).</summary>
    public static IReadOnlyList<WatchedKind> All { get; } = [.. Kinds.All.Select(Of)];

    /// <summary>As logs and /readyz name it: <c>Ingress.networking.k8s.io</c>, <c>Service</c>.</summary>
    public override string ToString() => new GroupKind(Group, Kind).ToString();
}
