using CfSync.Core.Resources;
using CfSync.Sync.Activities;
using CfSync.Sync.Orchestrations;

namespace CfSync.Sync.Applying;

/// <summary>Applies one resource type's aggregate to Cloudflare and classifies what went wrong.</summary>
public interface IResourceApplier
{
    ResourceType ResourceType { get; }

    Task<ApplyResult> ApplyAsync(ApplyRequest request, CancellationToken cancellationToken);
}
