using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CfSync.Kubernetes.DevCluster;

/// <summary>
/// Streams a watch as newline-delimited WatchEvents (objects in the Table form when asked for, as kubectl get -w
/// does): replay, then live changes, BOOKMARKs when idle and asked for, and an ERROR event with a 410 Expired Status
/// when the start version is compacted.
/// </summary>
internal sealed class WatchResponder(ObjectStore store, TimeSpan bookmarkInterval, TableForm tables, CancellationToken stopping)
{
    public async Task WatchAsync(HttpContext context, ApiPath path, ListQuery query)
    {
        var request = context.Request;
        var from = ParseResourceVersion(request.Query["resourceVersion"]);
        var bookmarks = request.Query["allowWatchBookmarks"] is ["true"] or ["1"];
        // Open watches end when the server stops, so that disposing it does not wait for clients.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        if (int.TryParse(request.Query["timeoutSeconds"], CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        WatchSubscription subscription;
        try
        {
            subscription = store.Watch(path.Resource, from, query.Matches);
        }
        catch (ApiStatusException error)
        {
            // The API server reports a compacted start version in-stream, as an ERROR event.
            await SendAsync(context, "ERROR", error.ToStatus(), context.RequestAborted);
            return;
        }

        try
        {
            await StreamAsync(context, path, query, subscription, bookmarks, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Client went away or timeoutSeconds elapsed: the stream just ends.
        }
        finally
        {
            subscription.Leave(subscription.Live);
        }
    }

    private async Task StreamAsync(HttpContext context, ApiPath path, ListQuery query, WatchSubscription subscription, bool bookmarks, CancellationToken cancellation)
    {
        await context.Response.StartAsync(cancellation);
        await context.Response.Body.FlushAsync(cancellation);
        var seen = subscription.StartResourceVersion;
        foreach (var change in subscription.Initial)
        {
            seen = Math.Max(seen, change.ResourceVersion);
            await SendFilteredAsync(context, path, query, change, cancellation);
        }

        var reader = subscription.Live.Reader;
        while (!cancellation.IsCancellationRequested)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            idle.CancelAfter(bookmarkInterval);
            try
            {
                var change = await reader.ReadAsync(idle.Token);

                // Live changes at or below the replayed versions were already sent.
                if (change.ResourceVersion > seen)
                {
                    seen = change.ResourceVersion;
                    await SendFilteredAsync(context, path, query, change, cancellation);
                }
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                if (bookmarks)
                {
                    var bookmark = new JsonObject
                    {
                        ["kind"] = path.Resource.Kind,
                        ["apiVersion"] = path.ApiVersion,
                        ["metadata"] = new JsonObject { ["resourceVersion"] = seen.ToString(CultureInfo.InvariantCulture) },
                    };
                    await SendAsync(context, "BOOKMARK", bookmark, cancellation);
                }
            }
        }
    }

    // A change that moves an object into or out of the watch's selection is ADDED or DELETED for it.
    private Task SendFilteredAsync(HttpContext context, ApiPath path, ListQuery query, WatchEvent change, CancellationToken cancellation)
    {
        if (change.StorageKey != path.Resource.StorageKey)
        {
            return Task.CompletedTask;
        }

        var now = query.Matches(change.Object);
        var before = change.Previous is { } previous && query.Matches(previous);
        var type = change.Type switch
        {
            "ADDED" => now ? "ADDED" : null,
            "DELETED" => now || before ? "DELETED" : null,
            _ when now && before => "MODIFIED",
            _ when now => "ADDED",
            _ when before => "DELETED",
            _ => null,
        };
        if (type is null)
        {
            return Task.CompletedTask;
        }

        // kubectl get -w asks for the Table form: each change is a Table of one row.
        var obj = (JsonObject)change.Object.DeepClone();
        return SendAsync(context, type, TableForm.IsRequested(context.Request)
            ? tables.Build(path, [obj], new JsonObject { ["resourceVersion"] = ObjectMeta.ResourceVersion(obj) }, context.Request.Query["includeObject"])
            : ApiHandler.Versioned(path, obj), cancellation);
    }

    private static async Task SendAsync(HttpContext context, string type, JsonObject obj, CancellationToken cancellation)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj }.ToJsonString() + "\n";
        await context.Response.WriteAsync(line, cancellation);
        await context.Response.Body.FlushAsync(cancellation);
    }

    private static long? ParseResourceVersion(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ApiStatusException.BadRequest($"invalid resource version \"{text}\"");
    }
}
