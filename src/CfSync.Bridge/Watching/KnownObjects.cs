using CfSync.Watchers.Changes;

namespace CfSync.Bridge.Watching;

/// <summary>
/// The objects of one kind the bridge has seen (namespace/name -> uid and resourceVersion), so that a relist tells
/// exactly what changed while no watch was open: an object that vanished comes out Deleted, a changed or re-created
/// one Modified or Added. Thread-safe: the watch updates it while a resync reads it.
/// </summary>
internal sealed class KnownObjects(WatchedKind kind)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Namespace, string Name), Known> _objects = [];

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

    /// <summary>Records one watch event and returns the change it reports.</summary>
    public ObjectChange Apply(ChangeType type, ObjectSeen seen)
    {
        lock (_gate)
        {
            if (type == ChangeType.Deleted)
            {
                _objects.Remove((seen.Namespace, seen.Name));
            }
            else
            {
                _objects[(seen.Namespace, seen.Name)] = new Known(seen.Uid, seen.ResourceVersion);
            }

            return Change(seen.Namespace, seen.Name, seen.Uid, seen.ResourceVersion, type);
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
                    : known.ResourceVersion != seen.ResourceVersion ? ChangeType.Modified
                    : (ChangeType?)null;
                _objects[key] = new Known(seen.Uid, seen.ResourceVersion);
                if (type is { } reported)
                {
                    changes.Add(Change(seen.Namespace, seen.Name, seen.Uid, seen.ResourceVersion, reported));
                }
            }

            foreach (var key in remaining)
            {
                changes.Add(Change(key.Item1, key.Item2, _objects[key].Uid, listResourceVersion, ChangeType.Deleted));
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
            return [.. _objects.Select(o => Change(o.Key.Namespace, o.Key.Name, o.Value.Uid, o.Value.ResourceVersion, ChangeType.Resync))];
        }
    }

    private ObjectChange Change(string @namespace, string name, string? uid, string resourceVersion, ChangeType type) =>
        new(kind.Group, kind.Kind, kind.Namespaced ? @namespace : null, name, uid, resourceVersion, type);

    private sealed record Known(string? Uid, string ResourceVersion);
}

/// <summary>What the bridge keeps of an object it listed or watched: where it is and which incarnation and version.</summary>
internal sealed record ObjectSeen(string Namespace, string Name, string? Uid, string ResourceVersion);
