using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace CfSync.Kubernetes.DevCluster;

/// <summary>
/// All objects of the server, one monotonic resourceVersion counter for every write (as etcd's
/// revision), and the change history. Objects leave through deep copies only. An object whose JSON is larger than
/// <paramref name="maxObjectBytes"/> is refused as etcd refuses it.
/// </summary>
internal sealed class ObjectStore(int historyLimit, int maxObjectBytes, TimeProvider time)
{
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _tables = [];
    private readonly EventLog _log = new(historyLimit);
    private long _resourceVersion;

    public long CurrentResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    public JsonObject Get(ApiResource resource, string @namespace, string name)
    {
        lock (_gate)
        {
            return (JsonObject)Find(resource, @namespace, name).DeepClone();
        }
    }

    public ListPage List(ApiResource resource, ListQuery query)
    {
        lock (_gate)
        {
            var matching = Table(resource)
                .Where(p => string.CompareOrdinal(p.Key, query.ContinueAfter) > 0 && query.Matches(p.Value))
                .Select(p => p.Value);
            var page = query.Limit > 0 ? matching.Take(query.Limit + 1).ToList() : matching.ToList();
            var more = query.Limit > 0 && page.Count > query.Limit;
            if (more)
            {
                page.RemoveAt(page.Count - 1);
            }

            var next = more ? ObjectMeta.Key(ObjectMeta.Namespace(page[^1]), ObjectMeta.Name(page[^1])) : null;
            return new ListPage([.. page.Select(o => (JsonObject)o.DeepClone())], _resourceVersion, next);
        }
    }

    public JsonObject Create(ApiResource resource, string version, string @namespace, JsonObject body)
    {
        var metadata = ObjectMeta.Of(body);
        if (resource.Namespaced)
        {
            var bodyNamespace = ObjectMeta.Namespace(body);
            if (bodyNamespace.Length > 0 && bodyNamespace != @namespace)
            {
                throw ApiStatusException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            metadata["namespace"] = @namespace;
        }
        else
        {
            metadata.Remove("namespace");
        }

        if (ObjectMeta.ResourceVersion(body).Length > 0)
        {
            throw new ApiStatusException(500, "InternalError", "resourceVersion should not be set on objects to be created");
        }

        lock (_gate)
        {
            var table = Table(resource);
            var name = ObjectMeta.Name(body);
            if (name.Length == 0)
            {
                var prefix = (string?)metadata["generateName"] ?? throw ApiStatusException.Invalid("metadata.name: Required value: name or generateName is required");
                do
                {
                    name = prefix + string.Concat(Enumerable.Range(0, 5).Select(_ => GenerateNameAlphabet[Random.Shared.Next(GenerateNameAlphabet.Length)]));
                }
                while (table.ContainsKey(ObjectMeta.Key(@namespace, name)));
                metadata["name"] = name;
            }

            var key = ObjectMeta.Key(ObjectMeta.Namespace(body), name);
            if (table.ContainsKey(key))
            {
                throw ApiStatusException.AlreadyExists(resource, name);
            }

            body["apiVersion"] = resource.ApiVersion(version);
            body["kind"] = resource.Kind;
            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = ObjectMeta.Timestamp(time.GetUtcNow());
            metadata["generation"] = 1;
            metadata.Remove("deletionTimestamp");
            metadata.Remove("deletionGracePeriodSeconds");
            if (resource.HasStatusSubresource)
            {
                // Create strategies of kinds with a status subresource reset status.
                body.Remove("status");
            }

            Commit(resource, "ADDED", key, body, previous: null);
            return (JsonObject)body.DeepClone();
        }
    }

    /// <summary>PUT on the object (<paramref name="statusOnly"/> false) or on its /status.</summary>
    public JsonObject Update(ApiResource resource, string @namespace, string name, JsonObject body, bool statusOnly)
    {
        lock (_gate)
        {
            return Write(resource, Find(resource, @namespace, name), body, statusOnly);
        }
    }

    /// <summary>PATCH: the patch applies to the current object, the result is written as a PUT.</summary>
    public JsonObject Patch(ApiResource resource, string @namespace, string name, Func<JsonObject, JsonNode> patch, bool statusOnly)
    {
        lock (_gate)
        {
            var current = Find(resource, @namespace, name);
            var patched = patch((JsonObject)current.DeepClone()) as JsonObject ?? throw ApiStatusException.BadRequest("the patch must produce an object");
            return Write(resource, current, patched, statusOnly);
        }
    }

    /// <summary>Deletes, or only marks with deletionTimestamp while finalizers remain.</summary>
    public (JsonObject Object, bool Deleted) Delete(ApiResource resource, string @namespace, string name, Preconditions preconditions)
    {
        lock (_gate)
        {
            var current = Find(resource, @namespace, name);
            var metadata = ObjectMeta.Of(current);
            if ((preconditions.Uid is { } uid && uid != (string?)metadata["uid"])
                || (preconditions.ResourceVersion is { } rv && rv != ObjectMeta.ResourceVersion(current)))
            {
                throw ApiStatusException.Conflict(resource, name);
            }

            var key = ObjectMeta.Key(@namespace, name);
            if (ObjectMeta.Finalizers(current).Count == 0)
            {
                var deleted = (JsonObject)current.DeepClone();
                Commit(resource, "DELETED", key, deleted, current);
                Table(resource).Remove(key);
                return ((JsonObject)deleted.DeepClone(), true);
            }

            if (ObjectMeta.IsDeleting(current))
            {
                return ((JsonObject)current.DeepClone(), false);
            }

            var next = (JsonObject)current.DeepClone();
            var nextMetadata = ObjectMeta.Of(next);
            nextMetadata["deletionTimestamp"] = ObjectMeta.Timestamp(time.GetUtcNow());
            nextMetadata["deletionGracePeriodSeconds"] = 0;
            if (ObjectMeta.Generation(next) > 0)
            {
                // rest.BeforeDelete bumps generation when graceful deletion starts.
                nextMetadata["generation"] = ObjectMeta.Generation(next) + 1;
            }

            Commit(resource, "MODIFIED", key, next, current);
            return ((JsonObject)next.DeepClone(), false);
        }
    }

    /// <summary>
    /// Starts a watch: the events to send first (replay from the history, or synthetic ADDED for the
    /// current state) and the channel of later events, taken atomically.
    /// </summary>
    public WatchSubscription Watch(ApiResource resource, long? fromResourceVersion, Func<JsonObject, bool> matches)
    {
        lock (_gate)
        {
            IReadOnlyList<WatchEvent> initial;
            if (fromResourceVersion is not { } from || from == 0)
            {
                // "Get State and Start at Most Recent": every current object as ADDED.
                initial = [.. Table(resource).Values.Where(matches).Select(o => new WatchEvent("ADDED", _resourceVersion, resource.StorageKey, (JsonObject)o.DeepClone(), null))];
            }
            else if (from < _log.CompactedThrough)
            {
                throw ApiStatusException.Expired($"too old resource version: {from} ({_log.CompactedThrough + 1})");
            }
            else
            {
                initial = [.. _log.After(from).Where(e => e.StorageKey == resource.StorageKey)];
            }

            return new WatchSubscription(initial, _log.Subscribe(), _resourceVersion, Leave);
        }
    }

    private void Leave(Channel<WatchEvent> channel)
    {
        lock (_gate)
        {
            _log.Unsubscribe(channel);
        }
    }

    private JsonObject Write(ApiResource resource, JsonObject current, JsonObject body, bool statusOnly)
    {
        var name = ObjectMeta.Name(current);
        var bodyName = ObjectMeta.Name(body);
        if (bodyName.Length > 0 && bodyName != name)
        {
            throw ApiStatusException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        var requested = ObjectMeta.ResourceVersion(body);
        if (requested.Length == 0 && !resource.AllowUnconditionalUpdate)
        {
            throw ApiStatusException.Invalid("metadata.resourceVersion: Invalid value: 0x0: must be specified for an update");
        }

        if (requested.Length > 0 && requested != ObjectMeta.ResourceVersion(current))
        {
            throw ApiStatusException.Conflict(resource, name);
        }

        var next = statusOnly ? UpdateStrategy.StatusFrom(current, body) : UpdateStrategy.MainFrom(resource, current, body);
        if (ObjectMeta.IsDeleting(current) && ObjectMeta.Finalizers(next).Except(ObjectMeta.Finalizers(current)).Any())
        {
            throw ApiStatusException.Invalid("metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted");
        }

        if (JsonNode.DeepEquals(next, current))
        {
            // A no-op write keeps the resourceVersion and emits no event.
            return (JsonObject)current.DeepClone();
        }

        if (!JsonNode.DeepEquals(ObjectMeta.Spec(next), ObjectMeta.Spec(current)))
        {
            ObjectMeta.Of(next)["generation"] = ObjectMeta.Generation(current) + 1;
        }

        var key = ObjectMeta.Key(ObjectMeta.Namespace(current), name);
        if (ObjectMeta.IsDeleting(next) && ObjectMeta.Finalizers(next).Count == 0)
        {
            // The write that removes the last finalizer of a deleting object deletes it.
            Commit(resource, "DELETED", key, next, current);
            Table(resource).Remove(key);
        }
        else
        {
            Commit(resource, "MODIFIED", key, next, current);
        }

        return (JsonObject)next.DeepClone();
    }

    private void Commit(ApiResource resource, string type, string key, JsonObject next, JsonObject? previous)
    {
        if (type != "DELETED" && Encoding.UTF8.GetByteCount(next.ToJsonString()) > maxObjectBytes)
        {
            throw ApiStatusException.ObjectTooLarge();
        }

        _resourceVersion++;
        ObjectMeta.Of(next)["resourceVersion"] = _resourceVersion.ToString(CultureInfo.InvariantCulture);
        Table(resource)[key] = next;
        _log.Append(new WatchEvent(type, _resourceVersion, resource.StorageKey, (JsonObject)next.DeepClone(), (JsonObject?)previous?.DeepClone()));
    }

    private JsonObject Find(ApiResource resource, string @namespace, string name) =>
        Table(resource).TryGetValue(ObjectMeta.Key(@namespace, name), out var obj) ? obj : throw ApiStatusException.NotFound(resource, name);

    private SortedDictionary<string, JsonObject> Table(ApiResource resource)
    {
        if (!_tables.TryGetValue(resource.StorageKey, out var table))
        {
            table = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            _tables[resource.StorageKey] = table;
        }

        return table;
    }
}

/// <summary>One page of a list: items, the list's resourceVersion and where the next page starts.</summary>
internal sealed record ListPage(IReadOnlyList<JsonObject> Items, long ResourceVersion, string? ContinueAfter);

/// <summary>DeleteOptions.preconditions.</summary>
internal sealed record Preconditions(string? Uid, string? ResourceVersion);

/// <summary>An open watch: events to replay, the live feed, and how to leave it.</summary>
internal sealed record WatchSubscription(
    IReadOnlyList<WatchEvent> Initial,
    Channel<WatchEvent> Live,
    long StartResourceVersion,
    Action<Channel<WatchEvent>> Leave);
