using CfSync.Core.Resources;
using CfSync.Sync.Client;
using Microsoft.DurableTask.Client;

namespace CfSync.LocalHost;

/// <summary>What an intake signalled, and the resources it signalled (to read their state).</summary>
public sealed record IntakeResult(int Registered, int Rejected, int Unresolved, IReadOnlyList<ResourceIdentity> Resources);

/// <summary>
/// Locally, manifests posted to the host stand in for the watcher functions: a checked <see cref="ManifestPlan"/>'s
/// registrations and rejections are signalled to their resources' entities.
/// </summary>
public sealed class ManifestIntake(DurableTaskClient client)
{
    public async Task<IntakeResult> ApplyAsync(ManifestPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Problems.Count > 0)
        {
            throw new ArgumentException("A plan with problems is never applied.", nameof(plan));
        }

        var sync = new ResourceSyncClient(client);
        foreach (var (resource, registration) in plan.Registrations)
        {
            await sync.RegisterConfigAsync(resource, registration, cancellationToken).ConfigureAwait(false);
        }

        foreach (var (resource, rejection) in plan.Rejections)
        {
            await sync.RejectConfigAsync(resource, rejection, cancellationToken).ConfigureAwait(false);
        }

        var resources = plan.Registrations.Select(r => r.Resource).Concat(plan.Rejections.Select(r => r.Resource))
            .Distinct()
            .OrderBy(r => r.ResourceType)
            .ThenBy(r => r.CloudflareId, StringComparer.Ordinal)
            .ToList();
        return new IntakeResult(plan.Registrations.Count, plan.Rejections.Count, plan.Unresolved, resources);
    }
}
