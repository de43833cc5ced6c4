using CfSync.Core.Hashing;
using CfSync.Core.Resources;
using CfSync.Sync.Applying;
using CfSync.Sync.Orchestrations;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace CfSync.Sync.Activities;

/// <summary>
/// What to apply: the resource, where it lives and the exact body. A null <see cref="Desired"/> means no source wants
/// the object any more: the applier removes what CfSync applied (only what is ours), or does nothing when nothing was.
/// </summary>
public sealed record ApplyRequest(ResourceIdentity Resource, ResourceScope Scope, DesiredBody? Desired, string? ConfigHash)
{
    public ApplyContext Context { get; init; } = ApplyContext.None;
}

/// <summary>
/// One attempt at applying an aggregate to Cloudflare, through the applier for its resource type, cancelled after
/// <see cref="SyncOptions.ApplyTimeout"/> so an attempt always ends within the sync's lease.
/// </summary>
public sealed class ApplyToCloudflareActivity(IEnumerable<IResourceApplier> appliers, IOptions<SyncOptions> options, TimeProvider time) : TaskActivity<ApplyRequest, ApplyResult>
{
    public override async Task<ApplyResult> RunAsync(TaskActivityContext context, ApplyRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var applier = appliers.FirstOrDefault(a => a.ResourceType == input.Resource.ResourceType);
        if (applier is null)
        {
            return new ApplyResult(false, ApplyFailure.Permanent, $"CfSync cannot apply {input.Resource.ResourceType} resources yet; only the aggregate is kept.");
        }

        var timeout = options.Value.ApplyTimeout;
        using var cancellation = new CancellationTokenSource(timeout);
        using var calls = CloudflareCallMeter.Start();
        try
        {
            var result = await applier.ApplyAsync(input, cancellation.Token).ConfigureAwait(false);
            return Counted(result, calls);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return Counted(new ApplyResult(false, ApplyFailure.Transient, $"applying {input.Resource} took longer than {timeout.TotalSeconds:F0} s and was cancelled"), calls);
        }
    }

    private ApplyResult Counted(ApplyResult result, CloudflareCallMeter calls) =>
        result with { CloudflareCalls = calls.Count, CallsEndedAt = calls.Count > 0 ? time.GetUtcNow() : null };
}
