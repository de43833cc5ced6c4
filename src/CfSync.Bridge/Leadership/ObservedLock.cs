using System.Net;
using CfSync.Bridge.Health;
using k8s.Autorest;
using k8s.LeaderElection;

namespace CfSync.Bridge.Leadership;

/// <summary>A Lease lock that records each time the Lease could be read, for the standby's readiness.</summary>
internal sealed class ObservedLock(ILock inner, BridgeStatus status) : ILock
{
    public string Identity => inner.Identity;

    public async Task<LeaderElectionRecord> GetAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var record = await inner.GetAsync(cancellationToken).ConfigureAwait(false);
            status.LeaseRead();
            return record;
        }
        catch (HttpOperationException missing) when (missing.Response.StatusCode == HttpStatusCode.NotFound)
        {
            // No Lease yet: the API server answered, so this replica can take it.
            status.LeaseRead();
            throw;
        }
    }

    public Task<bool> CreateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default) => inner.CreateAsync(record, cancellationToken);

    public Task<bool> UpdateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default) => inner.UpdateAsync(record, cancellationToken);

    public string Describe() => inner.Describe();
}
