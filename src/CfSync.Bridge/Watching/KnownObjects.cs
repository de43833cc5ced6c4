using CfSync.Watchers.Changes;

namespace CfSync.Bridge.Watching;

/// <summary>
/// The objects of one kind the bridge has seen (namespace/name -> <see cref="ObjectSeen"/>), so that a relist tells
/// exactly what changed while no watch was open: an object that vanished comes out Deleted, a changed or re-created
/// one Modified or Added. A new version with the same content (<see cref="ObjectSeen.SameContent"/>) is recorded and
/// reported as nothing: CfSync's own finalizer and status writes would otherwise come back as a change of each object
/// it syncs, each costing the watcher its reads and the source entity a work item. Thread-safe: the watch updates it
/// while a resync reads it.
/// </summary>
internal sealed class KnownObjects(WatchedKind kind)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Namespace, string Name), ObjectSeen> _objects = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _objects.Count;
            }
        }
    }

    /// <summary>Records one watch event and returns the change it reports: null for a Modified of the same content.</summary>
    public ObjectChange? Apply(ChangeType type, ObjectSeen seen)
    {
        ArgumentNullException.ThrowIfNull(seen);
        lock (_gate)
        {
            var key = (seen.Namespace, seen.Name);
            if (type == ChangeType.Deleted)
            {
                _objects.Remove(key);
                return Change(seen, type);
            }

            var unchanged = type == ChangeType.Modified && _objects.TryGetValue(key, out var known) && known.SameContent(seen);
            _objects[key] = seen;
            return unchanged ? null : Change(seen, type);
        }
    }

    /// <summary>
    /// Replaces what is known with a full list and returns the differences. On a kind's first list every object is
    /// reported as <see cref="ChangeType.Resync"/> (the bridge cannot know what was sent before it started). An object
    /// that is gone is reported Deleted at the list's resourceVersion: it was deleted at or before it.
    /// </summary>
    public IReadOnlyList<ObjectChange> Replace(IReadOnlyList<ObjectSeen> listed, string listResourceVersion, bool first)
    {
        ArgumentNullException.ThrowIfNull(listed);
        lock (_gate)
        {
            var changes = new List<ObjectChange>();
            var remaining = new HashSet<(string, string)>(_objects.Keys);
            foreach (var seen in listed)
            {
                var key = (seen.Namespace, seen.Name);
                remaining.Remove(key);
                var type = first ? ChangeType.Resync
                    : !_objects.TryGetValue(key, out var known) || known.Uid != seen.Uid ? ChangeType.Added
                    : known.ResourceVersion != seen.ResourceVersion && !known.SameContent(seen) ? ChangeType.Modified
                    : (ChangeType?)null;
                _objects[key] = seen;
                if (type is { } reported)
                {
                    changes.Add(Change(seen, reported));
                }
            }

            foreach (var key in remaining)
            {
                changes.Add(Change(_objects[key] with { ResourceVersion = listResourceVersion }, ChangeType.Deleted));
                _objects.Remove(key);
            }

            return changes;
        }
    }

    /// <summary>Every known object as a <see cref="ChangeType.Resync"/> change.</summary>
    public IReadOnlyList<ObjectChange> Resync()
    {
        lock (_gate)
        {
            return [.. _objects.Values.Select(o => Change(o, ChangeType.Resync))];
        }
    }

    private ObjectChange Change(ObjectSeen seen, ChangeType type) =>
        new(kind.Group, kind.Kind, kind.Namespaced ? seen.Namespace : null, seen.Name, seen.Uid, seen.ResourceVersion, type);
}
