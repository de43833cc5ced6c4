using CfSync.Core.Resources;
using CfSync.Sync.Activities;
using CfSync.Sync.Applying;
using CfSync.Sync.Orchestrations;

namespace CfSync.Cloudflare.Applying;

/// <summary>
/// The Cloudflare edge's side of the engine's <see cref="IResourceApplier"/> port for tunnels: PUTs the whole
/// configuration (the aggregate is the complete document, so PUT is the right verb), byte for byte as the aggregator
/// wrote and hashed it, and classifies what went wrong.
/// </summary>
internal sealed class TunnelConfigurationApplier(CloudflareClient client) : IResourceApplier
{
    public ResourceType ResourceType => ResourceType.TunnelConfiguration;

    public async Task<ApplyResult> ApplyAsync(ApplyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Desired is not { } desired)
        {
            // A tunnel's configuration is not deleted with its sources: the tunnel itself goes with its Tunnel object.
            return ApplyResult.Success();
        }

        if (request.Scope.AccountId is not { } accountId)
        {
            return new ApplyResult(false, ApplyFailure.Permanent,
                $"the account of tunnel {request.Resource.CloudflareId} is unknown: set spec.cloudflare.accountId on its Tunnel or ClusterTunnel");
        }

        try
        {
            var applied = await client.Tunnels.PutConfigurationAsync(accountId, request.Resource.CloudflareId, desired.ToUtf8(), cancellationToken).ConfigureAwait(false);
            return ApplyResult.Success(applied.Version);
        }
        catch (CloudflareApiException failure)
        {
            return new ApplyResult(
                false,
                failure.Category == CloudflareErrorCategory.Transient ? ApplyFailure.Transient : ApplyFailure.Permanent,
                failure.Message,
                RetryAfter: failure.RetryAfter);
        }
    }
}
