using System.Net;
using System.Security.Cryptography;
using System.Text;
using CfSync.Core.Sources;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace CfSync.Kubernetes.Sources;

/// <summary>
/// Records core/v1 Events about source objects, the API <c>kubectl describe</c> reads. The same type, reason and
/// message about the same object is one Event, named <c>{object name}.{16 hex of a hash of them}</c>: a repeat raises
/// its <c>count</c> and <c>lastTimestamp</c> (shown as "x3 over 5m") instead of adding an Event every sync. A new
/// message is a new Event. Events of cluster-scoped sources go to the <c>default</c> namespace.
/// </summary>
internal sealed class SourceEvents(IKubernetes kubernetes, TimeProvider time)
{
    private const int MaxAttempts = 5;

    // A DNS subdomain name has at most 253 characters; the suffix takes 17.
    private const int MaxNamePrefix = 253 - 17;

    public async Task RecordAsync(SourceKind kind, Source source, string type, string reason, string message, CancellationToken cancellationToken)
    {
        message = ApiText.Bounded(message);
        var eventNamespace = source.Namespace ?? "default";
        var name = NameFor(kind, source, type, reason, message);
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow().UtcDateTime;
            try
            {
                if (await ReadAsync(name, eventNamespace, cancellationToken).ConfigureAwait(false) is not { } existing)
                {
                    await kubernetes.CoreV1.CreateNamespacedEventAsync(New(name, eventNamespace, kind, source, type, reason, message, now), eventNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                    return;
                }

                existing.Count = (existing.Count ?? 1) + 1;
                existing.LastTimestamp = now;
                await kubernetes.CoreV1.ReplaceNamespacedEventAsync(existing, name, eventNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (HttpOperationException raced) when (raced.Response.StatusCode == HttpStatusCode.Conflict && attempt < MaxAttempts)
            {
                // Another writer created or counted it in between (AlreadyExists or a stale resourceVersion): read again.
            }
        }
    }

    /// <summary>The Event's name: the same for the same object, type, reason and message.</summary>
    public static string NameFor(SourceKind kind, Source source, string type, string reason, string message)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(source);
        var identity = string.Join('\n', kind.ApiVersion, source.Key, type, reason, message);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..16];
        var prefix = source.Name.Length <= MaxNamePrefix ? source.Name : source.Name[..MaxNamePrefix].TrimEnd('.', '-');
        return $"{prefix}.{hash}";
    }

    private async Task<Corev1Event?> ReadAsync(string name, string eventNamespace, CancellationToken cancellationToken)
    {
        try
        {
            return await kubernetes.CoreV1.ReadNamespacedEventAsync(name, eventNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException missing) when (missing.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static Corev1Event New(string name, string eventNamespace, SourceKind kind, Source source, string type, string reason, string message, DateTime now) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = eventNamespace },
        InvolvedObject = new V1ObjectReference
        {
            ApiVersion = kind.ApiVersion,
            Kind = kind.Kind,
            Name = source.Name,
            NamespaceProperty = source.Namespace,
        },
        Type = type,
        Reason = reason,
        Message = message,
        Source = new V1EventSource { Component = "cfsync" },
        FirstTimestamp = now,
        LastTimestamp = now,
        Count = 1,
    };
}
