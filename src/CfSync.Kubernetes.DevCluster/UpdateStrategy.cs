using System.Text.Json.Nodes;

namespace CfSync.Kubernetes.DevCluster;

/// <summary>
/// What a PUT keeps from the request and what from the stored object, per endpoint (the API server's
/// update strategies for the main resource and the status subresource).
/// </summary>
internal static class UpdateStrategy
{
    // PUT on /status takes only .status from the request.
    public static JsonObject StatusFrom(JsonObject current, JsonObject body)
    {
        var next = (JsonObject)current.DeepClone();
        next.Remove("status");
        if (body["status"] is { } status)
        {
            next["status"] = status.DeepClone();
        }

        return next;
    }

    // PUT on the object takes everything but server-owned metadata and, with a status subresource, .status.
    public static JsonObject MainFrom(ApiResource resource, JsonObject current, JsonObject body)
    {
        var next = (JsonObject)body.DeepClone();
        next["apiVersion"] = current["apiVersion"]?.DeepClone();
        next["kind"] = current["kind"]?.DeepClone();
        var metadata = ObjectMeta.Of(next);
        var currentMetadata = ObjectMeta.Of(current);
        foreach (var field in new[] { "name", "namespace", "uid", "creationTimestamp", "generation", "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "generateName" })
        {
            metadata.Remove(field);
            if (currentMetadata[field] is { } value)
            {
                metadata[field] = value.DeepClone();
            }
        }

        if (resource.HasStatusSubresource)
        {
            next.Remove("status");
            if (current["status"] is { } status)
            {
                next["status"] = status.DeepClone();
            }
        }

        return next;
    }
}
