using CfSync.Core.Sources;
using CfSync.Sync.Sources;
using CfSync.Translation;
using CfSync.Watchers.Changes;
using CfSync.Watchers.Cluster;
using Microsoft.Extensions.Logging;

namespace CfSync.Watchers.Watching;

/// <summary>
/// Handles one change message, level-triggered: the message only says where to look. It reads the cluster revision R
/// first, then the current objects and what they depend on, translates them, and signals each source's entity its
/// whole translation at R (or its deletion), so the entity orders deliveries by R even for a re-evaluated dependent
/// whose own resourceVersion did not change. Handling a message twice, or an old one late, is harmless. See
/// docs/watchers.md for the reads a batch costs.
/// </summary>
public sealed class ChangeWatcher(IClusterReader reader, TimeProvider time, ILogger<ChangeWatcher> logger)
{
    /// <summary>
    /// How long a deleted object of a kind whose deletion waits for Cloudflare keeps CfSync's finalizer at most: the
    /// status mirror lets go of it once the Cloudflare object is deleted; past this, the next delivery of the object
    /// (at the latest the bridge's resync) does, so no deletion waits on a Cloudflare that never answers.
    /// </summary>
    public static readonly TimeSpan ReleaseGrace = TimeSpan.FromMinutes(5);

    private readonly SourceFinalizer _finalizer = new(reader);

    /// <exception cref="FormatException">The message is not a change batch (the queue's host moves it to the poison queue).</exception>
    public Task HandleAsync(string message, ISourceSignals signals, IKnownSources sources, CancellationToken cancellationToken) =>
        HandleAsync(ChangeMessages.Read(message), signals, sources, cancellationToken);

    public async Task HandleAsync(ChangeBatch batch, ISourceSignals signals, IKnownSources sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(sources);
        var revision = await reader.ReadRevisionAsync(cancellationToken).ConfigureAwait(false);

        var subjects = new Dictionary<Source, Subject>();
        var changedLookups = new List<LookedUpObject>();
        foreach (var change in batch.Changes)
        {
            var (valid, problem) = ChangeValidation.Check(change);
            if (valid is null)
            {
                Log.ChangeSkipped(logger, ChangeValidation.Describe(change), problem!);
                continue;
            }

            if (valid.Kind.ContributesFragments)
            {
                // The last change of an object names the incarnation a deletion is about.
                subjects[new Source(valid.Kind.Kind.Kind, valid.Namespace, valid.Name)] = new Subject(valid.Uid, SweepOnly: false);
            }

            // A resync (periodic, or a new bridge leader's first list) sends every object, the dependents too, so each
            // is evaluated as itself; re-evaluating the dependents of every resynced lookup as well re-signalled each
            // Ingress once per object it looks up (2,100 of them several times over, in the comparison benchmark).
            if (change.Type != ChangeType.Resync && Dependents.Of(valid.Kind.Kind) is not null)
            {
                changedLookups.Add(new LookedUpObject(valid.Kind.Kind, valid.Namespace, valid.Name));
            }
        }

        if (batch.Sweep)
        {
            await AddSweptAsync(sources, subjects, cancellationToken).ConfigureAwait(false);
        }

        var deletions = new List<SourceDeletion>();
        var evaluations = new List<Evaluation>();
        foreach (var (source, subject) in subjects)
        {
            if (await SourceObjects.ReadAsync(reader, source, cancellationToken).ConfigureAwait(false) is not { } current)
            {
                deletions.Add(new SourceDeletion(source, subject.Uid, revision));
            }
            else if (!subject.SweepOnly || (subject.Uid is { } uid && uid != ObjectFields.Uid(current.Object)))
            {
                evaluations.Add(new Evaluation(source, current, Dependent: false));
            }
        }

        evaluations.AddRange(await ListDependentsAsync(changedLookups, subjects, cancellationToken).ConfigureAwait(false));
        var snapshot = await ClusterSnapshot.ReadAsync(reader, cancellationToken).ConfigureAwait(false);
        await TranslateAsync(evaluations, snapshot, revision, cancellationToken).ConfigureAwait(false);

        foreach (var deletion in deletions.OrderBy(d => d.Source.Key, StringComparer.Ordinal))
        {
            await signals.DeleteAsync(deletion, cancellationToken).ConfigureAwait(false);
        }

        var acted = evaluations
            .Where(e => !e.Dependent || changedLookups.Any(l => e.View!.LookedUp(l.Kind, l.Namespace, l.Name)))
            .OrderBy(e => e.Source.Key, StringComparer.Ordinal)
            .ToList();
        foreach (var evaluation in acted)
        {
            await DecideAsync(evaluation, signals, revision, cancellationToken).ConfigureAwait(false);
        }

        var dependents = acted.Count(e => e.Dependent);
        Log.BatchHandled(logger, batch.Changes.Count, revision, acted.Count - dependents, deletions.Count, dependents);
    }

    // Gone or being deleted: the entity unregisters, then the finalizer goes. Feeding something: the finalizer first
    // (so a deletion from now on waits for us), then the translation. Feeding nothing: signalled (it unregisters what
    // the object fed before) only when our finalizer says it fed something, which is then removed.
    private async Task DecideAsync(Evaluation evaluation, ISourceSignals signals, string revision, CancellationToken cancellationToken)
    {
        var (kind, obj) = evaluation.Current;
        if (ObjectFields.IsDeleting(obj))
        {
            await signals.DeleteAsync(new SourceDeletion(evaluation.Source, ObjectFields.Uid(obj), revision), cancellationToken).ConfigureAwait(false);
            if (SourceFinalizer.IsOn(obj) && !WaitsForCloudflare(kind, obj))
            {
                await _finalizer.RemoveAsync(kind, obj, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var translation = evaluation.Translation!;
        if (translation.Contributions.Count > 0 || translation.Unresolved.Count > 0)
        {
            if (await _finalizer.AddAsync(kind, obj, cancellationToken).ConfigureAwait(false))
            {
                await signals.ApplyAsync(translation, cancellationToken).ConfigureAwait(false);
            }
        }
        else if (SourceFinalizer.IsOn(obj))
        {
            await signals.ApplyAsync(translation, cancellationToken).ConfigureAwait(false);
            await _finalizer.RemoveAsync(kind, obj, cancellationToken).ConfigureAwait(false);
        }
    }

    private bool WaitsForCloudflare(KindDescription kind, System.Text.Json.Nodes.JsonObject obj) =>
        kind.DeletionWaitsForCloudflare && ObjectFields.DeletionTimestamp(obj) is { } deleted && time.GetUtcNow() - deleted < ReleaseGrace;

    private async Task AddSweptAsync(IKnownSources sources, Dictionary<Source, Subject> subjects, CancellationToken cancellationToken)
    {
        await foreach (var tracked in sources.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (SourceObjects.KindsOf(tracked.Source.Kind).Count == 0)
            {
                Log.SweepSkipped(logger, tracked.Source.Key, $"'{tracked.Source.Kind}' is not a kind CfSync translates");
                continue;
            }

            subjects.TryAdd(tracked.Source, new Subject(tracked.Uid, SweepOnly: true));
        }
    }

    // The candidates a changed object may be looked up by (Dependents): each kind's list once per batch, in its
    // namespace or the whole cluster; the batch's own subjects are evaluated already.
    private async Task<List<Evaluation>> ListDependentsAsync(List<LookedUpObject> changedLookups, Dictionary<Source, Subject> subjects, CancellationToken cancellationToken)
    {
        var scopes = changedLookups
            .SelectMany(l => Dependents.Of(l.Kind)!.Kinds.Select(k => (Kind: k, Namespace: Dependents.Of(l.Kind)!.SameNamespace ? l.Namespace : null)))
            .Distinct()
            .ToList();
        var candidates = new List<Evaluation>();
        var seen = new HashSet<Source>(subjects.Keys);
        foreach (var (kind, ns) in scopes.Where(s => s.Namespace is null || !scopes.Contains((s.Kind, null))))
        {
            var description = Kinds.Find(kind)!;
            foreach (var obj in await reader.ListAsync(description, ns, cancellationToken).ConfigureAwait(false))
            {
                Source source;
                try
                {
                    source = SourceObjects.SourceOf(description, obj);
                }
                catch (ArgumentException e)
                {
                    // Only a server that does not validate names returns such an object; it cannot be a source.
                    Log.CandidateSkipped(logger, description.Kind.ToString(), e.Message);
                    continue;
                }

                if (seen.Add(source))
                {
                    candidates.Add(new Evaluation(source, new SourceObject(description, obj), Dependent: true));
                }
            }
        }

        return candidates;
    }

    // Services are read per namespace of the objects translated; a translation that asked for another namespace's
    // Service is translated again once that namespace is loaded (a Service lookup never leads to another namespace).
    private async Task TranslateAsync(List<Evaluation> evaluations, ClusterSnapshot snapshot, string revision, CancellationToken cancellationToken)
    {
        await snapshot.AddServicesAsync(reader, evaluations.Select(e => e.Source.Namespace).OfType<string>(), cancellationToken).ConfigureAwait(false);
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var evaluation in evaluations)
            {
                evaluation.View = new RecordingView(snapshot);
                var result = ObjectTranslator.Translate(evaluation.Current.Object, evaluation.View);
                evaluation.Translation = SourceTranslations.Of(evaluation.Source, ObjectFields.Uid(evaluation.Current.Object), revision, result);
            }

            if (snapshot.UnloadedServiceNamespaces.Count == 0)
            {
                return;
            }

            await snapshot.AddServicesAsync(reader, [.. snapshot.UnloadedServiceNamespaces], cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed record Subject(string? Uid, bool SweepOnly);

    private sealed record LookedUpObject(GroupKind Kind, string? Namespace, string Name);

    private sealed class Evaluation(Source source, SourceObject current, bool Dependent)
    {
        public Source Source { get; } = source;

        public SourceObject Current { get; } = current;

        public bool Dependent { get; } = Dependent;

        public RecordingView? View { get; set; }

        public SourceTranslation? Translation { get; set; }
    }
}
