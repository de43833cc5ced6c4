using CfSync.Core.Resources;
using CfSync.Sync.Applying;
using CfSync.Sync.Orchestrations;
using Microsoft.DurableTask;

namespace CfSync.Sync.Activities;

/// <summary>What to apply: the resource, where it lives and the exact body.</summary>
public sealed record ApplyRequest(ResourceIdentity Resource, ResourceScope Scope, string DesiredJson, string? ConfigHash);

/// <summary>One attempt at applying an aggregate to Cloudflare, through the applier for its resource type.</summary>
public sealed class ApplyToCloudflareActivity(IEnumerable<IResourceApplier> appliers) : TaskActivity<ApplyRequest, ApplyResult>
{
    public override Task<ApplyResult> RunAsync(TaskActivityContext context, ApplyRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var applier = appliers.FirstOrDefault(a => a.ResourceType == input.Resource.ResourceType);
        return applier is null
            ? Task.FromResult(new ApplyResult(false, ApplyFailure.Permanent, $"CfSync cannot apply {input.Resource.ResourceType} resources yet; only the aggregate is kept."))
            : applier.ApplyAsync(input, CancellationToken.None);
    }
}
