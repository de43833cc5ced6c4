using System.Net;
using System.Text.Json;
using CfSync.Bridge.Health;
using CfSync.Bridge.Queueing;
using CfSync.Watchers.Changes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace CfSync.Bridge.Watching;

/// <summary>
/// Lists and watches one kind cluster-wide for one leadership term. The watch starts at the list's resourceVersion
/// with bookmarks; when it ends or fails it is reopened from the last resourceVersion seen (bookmarks included), after
/// a backoff if it failed; 410 Gone relists, and the relist reports what changed meanwhile (<see cref="KnownObjects"/>).
/// A 404 (the kind's CRD is not installed) parks the kind until the next resync. Only metadata is read: objects are
/// parsed as <see cref="MetadataOnly"/>, so no content (a Secret's data included) is ever kept or passed on.
/// </summary>
internal sealed class KindWatch(WatchedKind kind, IKubernetes client, ChangeOutbox outbox, ResyncTicks resyncs, BridgeOptions options, BridgeMetrics metrics, BridgeStatus status, TimeProvider time, ILogger logger)
{
    private readonly string _name = kind.ToString();
    private readonly TaskCompletionSource _firstListTried = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WatchedKind Kind => kind;

    public KnownObjects Known { get; } = new(kind);

    /// <summary>Completes once the kind's first list of the term succeeded or failed.</summary>
    public Task FirstListTried => _firstListTried.Task;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new Backoff(options.InitialBackoff, options.MaxBackoff);
        var listed = false;
        string? resourceVersion = null;
        var fromList = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            var operation = "list";
            try
            {
                if (resourceVersion is null)
                {
                    if (listed)
                    {
                        metrics.Relisted();
                    }

                    resourceVersion = await ListAsync(first: !listed, cancellationToken).ConfigureAwait(false);
                    listed = true;
                    status.Set(kind, KindState.Synced);
                    fromList = true;
                }

                operation = "watch";

                if (!fromList)
                {
                    metrics.Reconnected();
                }

                resourceVersion = await WatchAsync(resourceVersion, cancellationToken).ConfigureAwait(false);
                fromList = false;
                backoff.Reset();
            }
            catch (Exception expired) when (expired is WatchExpiredException or HttpOperationException { Response.StatusCode: HttpStatusCode.Gone })
            {
                Log.Expired(logger, _name, resourceVersion ?? "");
                resourceVersion = null;

                // Expired right after a list: the server cannot keep up with us, so wait before listing again.
                if (fromList)
                {
                    await Task.Delay(backoff.Next(), time, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (HttpOperationException notFound) when (notFound.Response.StatusCode == HttpStatusCode.NotFound)
            {
                status.Set(kind, KindState.NotServed);
                Log.NotServed(logger, _name);
                _firstListTried.TrySetResult();
                resourceVersion = null;
                await resyncs.NextAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                status.Set(kind, KindState.Retrying);
                _firstListTried.TrySetResult();
                fromList = false;
                var delay = backoff.Next();
                if (logger.IsEnabled(LogLevel.Warning))
                {
                    Log.WatchFailed(logger, _name, operation, Failures.Describe(error), delay);
                }

                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Lists every page, reports the differences to what was known, and returns the list's resourceVersion.</summary>
    private async Task<string> ListAsync(bool first, CancellationToken cancellationToken)
    {
        var listed = new List<ObjectSeen>();
        string? continueToken = null;
        string? listVersion = null;
        do
        {
            MetadataOnlyList page;
            try
            {
                page = await client.CustomObjects.ListClusterCustomObjectAsync<MetadataOnlyList>(
                    kind.Group, kind.Version, kind.Plural, continueParameter: continueToken, limit: options.ListPageSize,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException expired) when (expired.Response.StatusCode == HttpStatusCode.Gone && continueToken is not null)
            {
                // The continue token outlived the server's compaction: start the list again.
                (listed, continueToken, listVersion) = ([], null, null);
                continue;
            }

            // Every page is of the first page's snapshot: its resourceVersion is the list's.
            listVersion ??= page.Metadata?.ResourceVersion;
            listed.AddRange((page.Items ?? []).Select(item => ObjectSeen.Of(kind, item.Metadata)));
            continueToken = page.Metadata?.ContinueProperty is { Length: > 0 } next ? next : null;
        }
        while (continueToken is not null);

        var version = listVersion ?? throw new InvalidOperationException($"The list of {kind} has no resourceVersion.");
        var changes = Known.Replace(listed, version, first);
        foreach (var change in changes)
        {
            outbox.Add(change);
        }

        Log.Listed(logger, _name, listed.Count, version, changes.Count);
        _firstListTried.TrySetResult();
        return version;
    }

    /// <summary>Follows one watch until the server ends it; returns the last resourceVersion seen.</summary>
    private async Task<string> WatchAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        // A watch that stays silent (no event, no bookmark) for WatchIdleTimeout is taken for a dead connection.
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(options.WatchIdleTimeout);
        Exception? streamError = null;
        var events = client.CustomObjects.WatchListClusterCustomObjectAsync(
            kind.Group, kind.Version, kind.Plural, allowWatchBookmarks: true, resourceVersion: resourceVersion,
            timeoutSeconds: (int)options.WatchTimeout.TotalSeconds, onError: e => streamError ??= e, cancellationToken: idle.Token);
        try
        {
            await foreach (var (type, item) in events.ConfigureAwait(false))
            {
                idle.CancelAfter(options.WatchIdleTimeout);
                // An error the stream reported (an ERROR event, a line that did not parse) ends this watch: the next
                // one starts from the last resourceVersion applied, so nothing after it is skipped.
                if (streamError is not null)
                {
                    break;
                }

                var seen = item is JsonElement json ? json.Deserialize<MetadataOnly>() : null;
                if (seen?.Metadata?.ResourceVersion is not { } version)
                {
                    continue;
                }

                status.Set(kind, KindState.Synced);
                if (type is WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted)
                {
                    metrics.EventSeen();
                    var change = Known.Apply(type switch
                    {
                        WatchEventType.Added => ChangeType.Added,
                        WatchEventType.Modified => ChangeType.Modified,
                        _ => ChangeType.Deleted,
                    }, ObjectSeen.Of(kind, seen.Metadata));
                    if (change is null)
                    {
                        metrics.EventUnchanged();
                    }
                    else
                    {
                        outbox.Add(change);
                    }
                }

                resourceVersion = version;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The watch of {kind} was silent for {options.WatchIdleTimeout}; reconnecting from resourceVersion {resourceVersion}.");
        }

        return streamError switch
        {
            null => resourceVersion,
            KubernetesException { Status.Code: (int)HttpStatusCode.Gone } => throw new WatchExpiredException(),
            _ => throw new IOException($"The watch of {kind} failed: {Failures.Describe(streamError)}", streamError),
        };
    }

    private sealed class WatchExpiredException : Exception;
}
