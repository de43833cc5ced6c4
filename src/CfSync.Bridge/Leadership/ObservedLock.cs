using System.Net;
using CfSync.Bridge.Health;
using k8s.Autorest;
using k8s.LeaderElection;

namespace CfSync.Bridge.Leadership;

/// <summary>
/// The Lease lock as the elector sees it: it records each time the Lease could be read (the standby's readiness),
/// and reports an unreachable API server as a failed attempt rather than an exception. The elector retries a failed
/// attempt until its renew deadline, but gives up leadership at the first exception, so one refused connection would
/// otherwise cost the Lease.
/// </summary>
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
        catch (Exception unreachable) when (Unreachable(unreachable, cancellationToken))
        {
            // The elector counts any answer but 404 as "not this time" and tries again within its deadline.
            throw new HttpOperationException($"The Lease could not be read: {unreachable.Message}", unreachable)
            {
                Response = new HttpResponseMessageWrapper(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable), ""),
            };
        }
    }

    public async Task<bool> CreateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.CreateAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception unreachable) when (Unreachable(unreachable, cancellationToken))
        {
            return false;
        }
    }

    public async Task<bool> UpdateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.UpdateAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception unreachable) when (Unreachable(unreachable, cancellationToken))
        {
            return false;
        }
    }

    public string Describe() => inner.Describe();

    private static bool Unreachable(Exception error, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && error is HttpRequestException or IOException or TimeoutException or TaskCanceledException;
}
