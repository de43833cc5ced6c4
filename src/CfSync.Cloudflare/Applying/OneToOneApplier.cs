using System.Text.Json.Nodes;
using CfSync.Cloudflare.Ownership;
using CfSync.Core.Resources;
using CfSync.Sync.Activities;
using CfSync.Sync.Applying;
using CfSync.Sync.Orchestrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CfSync.Cloudflare.Applying;

/// <summary>
/// The one way CfSync applies a 1:1 object (Access application, network route, Gateway rule); each type only says how
/// to find, read, write and mark its objects. By the id of the last apply when it still exists, else by the natural key:
/// an object there with this installation's marker is adopted (a lost id never makes a duplicate), one without it (or
/// with another installation's) is a Conflict unless the source opted in to adopt it. Writes only what differs from
/// Cloudflare's normal form; a null body deletes the object only when it is ours.
/// </summary>
/// <typeparam name="TKey">The natural key the type finds its objects by.</typeparam>
internal abstract partial class OneToOneApplier<TKey>(IOptions<CloudflareOptions> options, ILogger logger) : IResourceApplier
    where TKey : class
{

    public abstract ResourceType ResourceType { get; }

    /// <summary>What the type is called in messages, e.g. "Access application".</summary>
    protected abstract string Noun { get; }

    protected abstract NormalForm NormalForm { get; }

    private string OwnerId => options.Value.Ownership.OwnerId;

    public async Task<ApplyResult> ApplyAsync(ApplyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Scope.AccountId is not { } accountId)
        {
            return ApplyFailures.Permanent($"the account of {Noun} {request.Resource.CloudflareId} is unknown: set spec.cloudflare.accountId on its source");
        }

        try
        {
            var target = await TargetAsync(accountId, request.Resource, request.Desired is { } body ? JsonNode.Parse(body.Json)!.AsObject() : null, cancellationToken).ConfigureAwait(false);
            if (target.Error is { } error)
            {
                return ApplyFailures.Permanent($"{Noun} {request.Resource.CloudflareId}: {error}");
            }

            return await ApplyAsync(accountId, request, target, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudflareApiException failure)
        {
            return Failed(failure, request);
        }
    }

    /// <summary>
    /// Where the object must be: the body to send (null when deleting) with what Cloudflare ids it refers to resolved,
    /// and the natural key it is found by; an error when the key names something that does not exist.
    /// </summary>
    protected abstract Task<Target> TargetAsync(string accountId, ResourceIdentity resource, JsonObject? desired, CancellationToken cancellationToken);

    /// <summary>The object with this id as Cloudflare returns it, or null when there is none.</summary>
    protected abstract Task<JsonObject?> GetAsync(string accountId, string id, CancellationToken cancellationToken);

    /// <summary>The objects of this natural key.</summary>
    protected abstract Task<IReadOnlyList<JsonObject>> FindAsync(string accountId, TKey key, CancellationToken cancellationToken);

    /// <summary>Creates the object; returns its id.</summary>
    protected abstract Task<string> CreateAsync(string accountId, JsonObject body, CancellationToken cancellationToken);

    protected abstract Task UpdateAsync(string accountId, string id, JsonObject body, CancellationToken cancellationToken);

    protected abstract Task<DeleteOutcome> DeleteAsync(string accountId, string id, CancellationToken cancellationToken);

    /// <summary>The body with this installation's ownership marker for <paramref name="resource"/> added.</summary>
    protected abstract JsonObject Mark(JsonObject body, string ownerId, string resource);

    /// <summary>The owner id the object's marker names, or null when it carries none.</summary>
    protected abstract string? OwnerOf(JsonObject current);

    /// <summary>The object in messages: its name or network, without the id.</summary>
    protected abstract string Describe(JsonObject current);

    protected virtual ApplyResult Failed(CloudflareApiException failure, ApplyRequest request) => ApplyFailures.From(failure);

    private static string IdOf(JsonObject current) => current["id"]!.GetValue<string>();

    private async Task<ApplyResult> ApplyAsync(string accountId, ApplyRequest request, Target target, CancellationToken cancellationToken)
    {
        var context = request.Context;
        var current = await LocateAsync(accountId, context.AppliedAs, target, cancellationToken).ConfigureAwait(false);
        var ours = current is not null && OwnerOf(current) == OwnerId;
        if (target.Body is null)
        {
            if (current is null || !ours)
            {
                // Nothing of ours is there: whatever holds the key now belongs to someone else and stays.
                return ApplyResult.Success() with { AppliedAs = null };
            }

            await DeleteAsync(accountId, IdOf(current), cancellationToken).ConfigureAwait(false);
            Log.Deleted(logger, Noun, Describe(current), IdOf(current));
            return ApplyResult.Success() with { AppliedAs = null };
        }

        var owner = context.Owner ?? request.Resource.ToString();
        if (current is not null && !ours && !context.Adopt)
        {
            Log.NotOurs(logger, Noun, Describe(current), IdOf(current));
            return ApplyResult.Success() with { Conflicts = [new SourceConflict(owner, NotOurs(current))] };
        }

        var body = Mark(target.Body, OwnerId, owner);
        var drifting = context.Purpose == ApplyPurpose.DriftCheck;
        if (current is null)
        {
            var missing = $"{Noun} {Describe(body)} is missing";
            if (drifting && !context.RepairDrift)
            {
                return ApplyResult.Success() with { Drift = missing };
            }

            var id = await CreateAsync(accountId, body, cancellationToken).ConfigureAwait(false);
            Log.Created(logger, Noun, Describe(body), id);
            return ApplyResult.Success() with { AppliedAs = id, Drift = drifting ? missing : null };
        }

        var currentId = IdOf(current);
        var differences = NormalForm.Differences(body, current);
        if (differences.Count == 0)
        {
            return ApplyResult.Success() with { AppliedAs = currentId };
        }

        var drift = drifting ? $"{Noun} {Describe(current)} (id {currentId}): {string.Join("; ", differences)}" : null;
        if (drifting && !context.RepairDrift)
        {
            return ApplyResult.Success() with { AppliedAs = currentId, Drift = drift };
        }

        try
        {
            await UpdateAsync(accountId, currentId, body, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudflareApiException failure) when (failure.Category == CloudflareErrorCategory.NotFound)
        {
            // Deleted between the read and the write: the next attempt finds it by its key again (or creates it).
            return new ApplyResult(false, ApplyFailure.Transient, $"{Noun} {Describe(current)} (id {currentId}) vanished while CfSync updated it", RetryAfter: TimeSpan.FromSeconds(1));
        }

        Log.Updated(logger, Noun, Describe(body), currentId, ours ? "changed" : "adopted", string.Join(", ", differences.Select(d => d.Split(' ')[0])));
        return ApplyResult.Success() with { AppliedAs = currentId, Drift = drift };
    }

    /// <summary>The object by the id of the last apply, else the one of the natural key (ours first), else null.</summary>
    private async Task<JsonObject?> LocateAsync(string accountId, string? appliedAs, Target target, CancellationToken cancellationToken)
    {
        if (appliedAs is not null && await GetAsync(accountId, appliedAs, cancellationToken).ConfigureAwait(false) is { } known)
        {
            return known;
        }

        if (target.Key is null)
        {
            return null;
        }

        var found = await FindAsync(accountId, target.Key, cancellationToken).ConfigureAwait(false);
        return found.FirstOrDefault(o => OwnerOf(o) == OwnerId) ?? (found.Count > 0 ? found[0] : null);
    }

    private string NotOurs(JsonObject current) =>
        $"{Noun} {Describe(current)} (id {IdOf(current)}) exists in Cloudflare " +
        (OwnerOf(current) is { } other ? $"and belongs to the CfSync installation '{other}'" : "without CfSync's ownership marker") +
        $", so CfSync leaves it alone; to take it over, annotate the source with {OwnershipMarker.AdoptAnnotation}";

    /// <summary>
    /// The body to send (null when deleting) and the natural key the object is found by (null when there is none to look
    /// up, e.g. a deleted route whose virtual network is gone); or the error naming what is missing.
    /// </summary>
    internal sealed record Target(JsonObject? Body, TKey? Key, string? Error = null)
    {
        public static Target Failed(string error) => new(null, null, error);
    }

    private static partial class Log
    {
        [LoggerMessage(101, LogLevel.Information, "Created {Noun} {Name} as {Id}")]
        public static partial void Created(ILogger logger, string noun, string name, string id);

        [LoggerMessage(102, LogLevel.Information, "Updated {Noun} {Name} ({Id}, {How}): {Fields}")]
        public static partial void Updated(ILogger logger, string noun, string name, string id, string how, string fields);

        [LoggerMessage(103, LogLevel.Information, "Deleted {Noun} {Name} ({Id})")]
        public static partial void Deleted(ILogger logger, string noun, string name, string id);

        [LoggerMessage(104, LogLevel.Warning, "{Noun} {Name} ({Id}) is not ours; left alone")]
        public static partial void NotOurs(ILogger logger, string noun, string name, string id);
    }
}
