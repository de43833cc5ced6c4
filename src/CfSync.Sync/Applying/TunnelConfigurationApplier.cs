using CfSync.Cloudflare;
using CfSync.Core.Resources;
using CfSync.Sync.Activities;
using CfSync.Sync.Orchestrations;

namespace CfSync.Sync.Applying;

/// <summary>
/// PUTs a tunnel's whole configuration: the aggregate is the complete document, so PUT is the right verb. The body goes
/// out byte for byte as the aggregator wrote and hashed it.
/// </summary>
public sealed class TunnelConfigurationApplier(CloudflareClient client) : IResourceApplier
{
    public ResourceType ResourceType => ResourceType.TunnelConfiguration;

    public async Task<ApplyResult> ApplyAsync(ApplyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Scope.AccountId is not { } accountId)
        {
            return new ApplyResult(false, ApplyFailure.Permanent,
                $"the account of tunnel {request.Resource.CloudflareId} is unknown: set spec.cloudflare.accountId on its Tunnel or ClusterTunnel");
        }

        try
        {
            var applied = await client.Tunnels.PutConfigurationAsync(accountId, request.Resource.CloudflareId, request.Desired.ToUtf8(), cancellationToken).ConfigureAwait(false);
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
