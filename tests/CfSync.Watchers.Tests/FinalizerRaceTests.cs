using System.Text.Json.Nodes;
using CfSync.Kubernetes.Watchers;
using CfSync.Translation;
using CfSync.Watchers.Cluster;
using CfSync.Watchers.Watching;

namespace CfSync.Watchers.Tests;

/// <summary>Another controller writes the object between the watcher's read and its finalizer write.</summary>
public sealed class FinalizerRaceTests : ClusterRig
{
    [Fact]
    public async Task A_finalizer_added_meanwhile_is_kept_the_conflict_is_resolved_by_reading_again()
    {
        await ApplySamplesAsync();
        var racer = new RacingReader(new KubernetesClusterReader(Client), () => PatchAsync("networking.k8s.io/v1", "Ingress", "shop", "shop",
            new JsonObject { ["metadata"] = new JsonObject { ["finalizers"] = new JsonArray("example.com/racer") } }));
        var watcher = new ChangeWatcher(racer, TimeProvider.System, Log);

        await watcher.HandleAsync(new Changes.ChangeBatch([Change("networking.k8s.io", "Ingress", "shop", "shop")]), Signals, new FixedSources(), CancellationToken.None);

        Assert.Equal([FinalizerWrite.Conflict, FinalizerWrite.Written], racer.Writes);
        Assert.Equal(["example.com/racer", OurFinalizer], Finalizers((await GetAsync("networking.k8s.io/v1", "Ingress", "shop", "shop"))!));
        Assert.Single(Signals.Applied);
    }

    /// <summary>The real reader, with a write by someone else just before the first finalizer write.</summary>
    private sealed class RacingReader(IClusterReader inner, Func<Task> raceOnce) : IClusterReader
    {
        private Func<Task>? _race = raceOnce;

        public List<FinalizerWrite> Writes { get; } = [];

        public Task<string> ReadRevisionAsync(CancellationToken cancellationToken) => inner.ReadRevisionAsync(cancellationToken);

        public Task<IReadOnlyList<JsonObject>> ListAsync(KindDescription kind, string? objectNamespace, CancellationToken cancellationToken) =>
            inner.ListAsync(kind, objectNamespace, cancellationToken);

        public Task<JsonObject?> GetAsync(KindDescription kind, string? objectNamespace, string name, CancellationToken cancellationToken) =>
            inner.GetAsync(kind, objectNamespace, name, cancellationToken);

        public async Task<FinalizerWrite> SetFinalizersAsync(
            KindDescription kind, string? objectNamespace, string name, string resourceVersion, IReadOnlyList<string> finalizers, CancellationToken cancellationToken)
        {
            if (_race is { } race)
            {
                _race = null;
                await race();
            }

            var write = await inner.SetFinalizersAsync(kind, objectNamespace, name, resourceVersion, finalizers, cancellationToken);
            Writes.Add(write);
            return write;
        }
    }
}
