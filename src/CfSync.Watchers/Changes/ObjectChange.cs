using System.Text.Json.Serialization;

namespace CfSync.Watchers.Changes;

/// <summary>What the bridge saw happen to an object (a periodic resync reports every object as <see cref="Resync"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChangeType>))]
public enum ChangeType
{
    Added,
    Modified,
    Deleted,
    Resync,
}

/// <summary>
/// One object the bridge saw change: where it is and which incarnation and version, never its content (watchers
/// read the current object from the API, and no Secret's data ever enters a queue). <see cref="Namespace"/> is null
/// for cluster-scoped kinds; <see cref="Group"/> is "" for the core group.
/// </summary>
public sealed record ObjectChange(string Group, string Kind, string? Namespace, string Name, string? Uid, string ResourceVersion, ChangeType Type);

/// <summary>
/// One queue message: changes the bridge batched, handled together by one watcher invocation. <see cref="Sweep"/>
/// asks the watcher to run the orphan sweep (the bridge sends it after each full resync).
/// </summary>
public sealed record ChangeBatch(IReadOnlyList<ObjectChange> Changes)
{
    public bool Sweep { get; init; }
}
