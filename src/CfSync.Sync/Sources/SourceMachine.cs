using System.Text.Json;
using CfSync.Core.Hashing;
using CfSync.Core.Resources;
using CfSync.Sync.Client;
using CfSync.Sync.Entities;

namespace CfSync.Sync.Sources;

/// <summary>
/// The source entity's logic with no Durable Task types in it: each operation takes the state and the time and returns
/// the signals to send. A delivery applies only when it orders after the last one applied (<see cref="DeliveryOrder"/>)
/// and is not of the deleted incarnation (<see cref="SourceState.Tombstone"/>); it then replaces what the source fed:
/// a changed contribution is registered or rejected, a resource no longer named is unregistered, an unchanged one
/// (same hash) gets nothing. A new uid starts fresh: everything is sent again.
/// </summary>
/// <remarks>
/// The <see cref="SourceVersion.Sequence"/> sent to resource entities is the source's own: strictly increasing, and
/// never below the clock's Unix milliseconds, so a source forgotten after <see cref="SyncOptions.TombstoneRetention"/>
/// and seen again still orders after what it sent before. Signals between two entities arrive in order, so the
/// resource entity's ordering never depends on parsing a resourceVersion.
/// </remarks>
public sealed class SourceMachine(SyncOptions options)
{
    public SourceEffects Apply(SourceState state, SourceTranslation translation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(translation);
        var wanted = Wanted(translation);
        var effects = new SourceEffects();
        if (state.Tombstone is { } old && !state.Deleted && now - old.DeletedAt > options.TombstoneRetention)
        {
            state.Tombstone = null;
        }

        if (Refused(state, translation.Uid, translation.ResourceVersion, effects))
        {
            return effects;
        }

        var source = translation.Source;
        state.Source = source;
        var fresh = state.Deleted || (translation.Uid is not null && state.Uid is not null && translation.Uid != state.Uid);
        var version = new Lazy<SourceVersion>(() => new SourceVersion(translation.Uid, NextSequence(state, now)) { SentAt = now });
        foreach (var (key, contribution) in wanted)
        {
            var hash = ConfigHash.Of(JsonSerializer.SerializeToNode(contribution, CoreJson.Options));
            if (!fresh && state.Fed.TryGetValue(key, out var fed) && fed.Hash == hash)
            {
                continue;
            }

            if (contribution.Fragment is { } fragment)
            {
                effects.Signal(contribution.Resource, nameof(CloudflareResourceEntity.RegisterConfig), new SourceRegistration(source, version.Value, fragment)
                {
                    Priority = contribution.Priority,
                    CreatedAt = contribution.CreatedAt,
                    Scope = contribution.Scope,
                    Warnings = contribution.Warnings,
                });
            }
            else
            {
                effects.Signal(contribution.Resource, nameof(CloudflareResourceEntity.RejectConfig), new SourceRejection(source, version.Value, contribution.Reasons)
                {
                    Scope = contribution.Scope,
                    Warnings = contribution.Warnings,
                });
            }

            state.Fed[key] = new FedResource(contribution.Resource, hash, contribution.Fragment is null);
        }

        foreach (var key in state.Fed.Keys.Where(k => !wanted.ContainsKey(k)).ToList())
        {
            Unregister(state, key, version.Value, effects);
        }

        state.Uid = translation.Uid;
        state.ResourceVersion = translation.ResourceVersion;
        state.Deleted = false;
        state.Unresolved = translation.Unresolved;
        state.UpdatedAt = now;
        return effects;
    }

    public SourceEffects Delete(SourceState state, SourceDeletion deletion, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(deletion);
        var effects = new SourceEffects();
        if (Refused(state, deletion.Uid, deletion.ResourceVersion, effects))
        {
            return effects;
        }

        state.Source = deletion.Source;
        var version = new Lazy<SourceVersion>(() => new SourceVersion(deletion.Uid, NextSequence(state, now)) { SentAt = now });
        foreach (var key in state.Fed.Keys.ToList())
        {
            Unregister(state, key, version.Value, effects);
        }

        state.Uid = deletion.Uid;
        state.ResourceVersion = deletion.ResourceVersion;
        state.Deleted = true;
        state.Unresolved = [];
        state.Tombstone = new SourceTombstone(deletion.Uid, deletion.ResourceVersion, now);
        state.UpdatedAt = now;
        effects.Schedule(nameof(KubernetesSourceEntity.Forget), new ForgetSignal(now), now + options.TombstoneRetention);
        return effects;
    }

    /// <summary>The tombstone's retention ran out: a source still deleted since then is forgotten.</summary>
    public static SourceEffects Forget(SourceState state, ForgetSignal signal)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(signal);
        var effects = new SourceEffects();
        if (state.Deleted && state.Tombstone?.DeletedAt == signal.DeletedAt)
        {
            effects.ForgetState();
        }

        return effects;
    }

    /// <summary>
    /// The translation's contributions by resource entity key. A producer's bug is refused whole: a resource named twice,
    /// an id no entity key can hold, a contribution with neither fragment nor reasons.
    /// </summary>
    private static Dictionary<string, SourceContribution> Wanted(SourceTranslation translation)
    {
        var wanted = new Dictionary<string, SourceContribution>(StringComparer.Ordinal);
        foreach (var contribution in translation.Contributions)
        {
            ArgumentNullException.ThrowIfNull(contribution);
            if (contribution.Fragment is null && contribution.Reasons.Count == 0)
            {
                throw new ArgumentException($"{translation.Source}: the contribution to {contribution.Resource} has neither a fragment nor reasons.", nameof(translation));
            }

            // The id becomes a resource entity's storage key: one it cannot be would fail every batch of this entity.
            if (ResourceRoute.IdProblem(contribution.Resource) is { } idProblem)
            {
                throw new ArgumentException($"{translation.Source}: the {contribution.Resource.ResourceType} id it names: {idProblem}", nameof(translation));
            }

            if (!wanted.TryAdd(ResourceEntityKey.Format(contribution.Resource), contribution))
            {
                throw new ArgumentException($"{translation.Source}: the translation names {contribution.Resource} more than once.", nameof(translation));
            }
        }

        return wanted;
    }

    private static bool Refused(SourceState state, string? uid, string resourceVersion, SourceEffects effects)
    {
        ArgumentNullException.ThrowIfNull(resourceVersion);
        if (uid is not null && state.Tombstone?.Uid == uid)
        {
            effects.Notice(SourceNoticeKind.Ignored, $"uid {uid} was deleted at resourceVersion {state.Tombstone.ResourceVersion}; resourceVersion {resourceVersion} of it ignored");
            return true;
        }

        switch (DeliveryOrder.Of(resourceVersion, state.ResourceVersion))
        {
            case DeliveryStanding.NotLater:
                effects.Notice(SourceNoticeKind.Ignored, $"resourceVersion {resourceVersion} does not follow {state.ResourceVersion}: a duplicate or stale delivery, ignored");
                return true;
            case DeliveryStanding.Unordered:
                effects.Notice(SourceNoticeKind.Unordered, $"resourceVersion {resourceVersion} or {state.ResourceVersion} is not an integer (etcd's revision); applied as the latest");
                return false;
            default:
                return false;
        }
    }

    private static void Unregister(SourceState state, string key, SourceVersion version, SourceEffects effects)
    {
        var resource = state.Fed[key].Resource;
        effects.Signal(resource, nameof(CloudflareResourceEntity.UnregisterConfig), new SourceRemoval(state.Source!, version));
        state.Fed.Remove(key);
    }

    private static long NextSequence(SourceState state, DateTimeOffset now) =>
        state.Sequence = Math.Max(state.Sequence + 1, now.ToUnixTimeMilliseconds());
}
