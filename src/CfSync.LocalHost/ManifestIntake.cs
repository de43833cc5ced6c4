using CfSync.Core.Sources;
using CfSync.Sync.Client;
using CfSync.Sync.Entities;
using CfSync.Translation;
using CfSync.Translation.Manifests;
using Microsoft.DurableTask.Client;

namespace CfSync.LocalHost;

/// <summary>What an intake did: how many fragments and rejections were signalled, or why nothing was.</summary>
public sealed record IntakeResult(int Registered, int Rejected, int Unresolved, string? Error);

/// <summary>
/// Locally, manifests posted to the host stand in for the watcher functions: each object is translated and every
/// registration or rejection is signalled to its resource's entity. Manifests carry no resourceVersion, so the intake
/// orders updates by its own clock (milliseconds), which only has to increase between posts.
/// </summary>
public sealed class ManifestIntake(DurableTaskClient client, TimeProvider time)
{
    public async Task<IntakeResult> ApplyAsync(string text, string name, CancellationToken cancellationToken)
    {
        IReadOnlyList<ManifestDocument> documents;
        ManifestSet cluster;
        try
        {
            documents = ManifestReader.ReadText(text, name);
            cluster = new ManifestSet(documents);
        }
        catch (ManifestException e)
        {
            return new IntakeResult(0, 0, 0, e.Message);
        }

        var sync = new ResourceSyncClient(client);
        var sequence = time.GetUtcNow().ToUnixTimeMilliseconds();
        int registered = 0, rejected = 0, unresolved = 0;
        foreach (var translation in documents.Select(d => (Document: d, Result: ObjectTranslator.Translate(d.Object, cluster))))
        {
            var uid = (string?)translation.Document.Object["metadata"]?["uid"];
            foreach (var registration in translation.Result.Registrations)
            {
                var contribution = registration.Contribution;
                await sync.RegisterConfigAsync(registration.Resource, new SourceRegistration(contribution.Source, new SourceVersion(uid, sequence), contribution.Fragment)
                {
                    Priority = contribution.Priority,
                    CreatedAt = contribution.CreatedAt,
                    Scope = registration.Scope,
                }, cancellationToken).ConfigureAwait(false);
                registered++;
            }

            foreach (var group in translation.Result.Rejections.GroupBy(r => (r.Source, r.Resource)))
            {
                if (group.Key.Resource is null)
                {
                    unresolved++;
                    continue;
                }

                await sync.RejectConfigAsync(group.Key.Resource, new SourceRejection(group.Key.Source, new SourceVersion(uid, sequence), group.Select(r => r.Reason).ToArray())
                {
                    Scope = group.First().Scope,
                }, cancellationToken).ConfigureAwait(false);
                rejected++;
            }
        }

        return new IntakeResult(registered, rejected, unresolved, null);
    }
}
