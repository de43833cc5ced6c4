using System.Text.Json.Nodes;
using CfSync.Translation;
using CfSync.Watchers.Cluster;

namespace CfSync.Watchers.Watching;

/// <summary>
/// The finalizer CfSync keeps on every object it feeds from, so a deletion waits until the source entity has it.
/// Each write replaces the finalizer list on the condition that the object is still at the resourceVersion read
/// (another controller's finalizer added meanwhile is never dropped); on 409 the object is read again.
/// </summary>
public sealed class SourceFinalizer(IClusterReader reader)
{
    public const string Name = "networking.cloudflare-operator.io/cfsync-source";

    /// <summary>Conflicts retried before the message is given back to the queue.</summary>
    public const int MaxAttempts = 5;

    public static bool IsOn(JsonObject obj) => ObjectFields.Finalizers(obj).Contains(Name);

    /// <summary>Adds the finalizer; false when the object is gone or being deleted meanwhile (its own change follows).</summary>
    public Task<bool> AddAsync(KindDescription kind, JsonObject obj, CancellationToken cancellationToken) =>
        EditAsync(kind, obj, add: true, cancellationToken);

    /// <summary>Removes the finalizer; false when the object is already gone.</summary>
    public Task<bool> RemoveAsync(KindDescription kind, JsonObject obj, CancellationToken cancellationToken) =>
        EditAsync(kind, obj, add: false, cancellationToken);

    private async Task<bool> EditAsync(KindDescription kind, JsonObject obj, bool add, CancellationToken cancellationToken)
    {
        var current = obj;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var finalizers = ObjectFields.Finalizers(current);
            if (finalizers.Contains(Name) == add)
            {
                return true;
            }

            if (add && ObjectFields.IsDeleting(current))
            {
                return false;
            }

            IReadOnlyList<string> wanted = add ? [.. finalizers, Name] : [.. finalizers.Where(f => f != Name)];
            var ns = ObjectFields.Namespace(current);
            var name = ObjectFields.Name(current);
            switch (await reader.SetFinalizersAsync(kind, ns, name, ObjectFields.ResourceVersion(current), wanted, cancellationToken).ConfigureAwait(false))
            {
                case FinalizerWrite.Written:
                    return true;
                case FinalizerWrite.Gone:
                    return false;
                default:
                    if (await reader.GetAsync(kind, ns, name, cancellationToken).ConfigureAwait(false) is not { } reread)
                    {
                        return false;
                    }

                    current = reread;
                    break;
            }
        }

        throw new InvalidOperationException(
            $"{SourceObjects.SourceOf(kind, obj).Key}: metadata.finalizers still conflicting after {MaxAttempts} attempts.");
    }
}
