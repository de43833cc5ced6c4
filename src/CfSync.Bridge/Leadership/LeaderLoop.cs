using CfSync.Bridge.Health;
using CfSync.Bridge.Watching;
using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;

namespace CfSync.Bridge.Leadership;

/// <summary>
/// Competes for the Lease forever. While this replica holds it, one <see cref="LeaderTerm"/> runs; when renewing fails
/// for <see cref="LeaseOptions.RenewDeadline"/> the elector reports the loss, the term is cancelled (watches and queue
/// writes stop) and the replica competes again as a standby.
/// </summary>
internal sealed class LeaderLoop(IKubernetes client, LeaderTerm term, BridgeStatus status, LeaseIdentity lease, LeaseOptions options, ILogger<LeaderLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var leaseLock = new ObservedLock(new LeaseLock(client, lease.Namespace, lease.Name, lease.Identity), status);
        var config = new LeaderElectionConfig(leaseLock)
        {
            LeaseDuration = options.Duration,
            RenewDeadline = options.RenewDeadline,
            RetryPeriod = options.RetryPeriod,
        };
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunTermAsync(config, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                if (logger.IsEnabled(LogLevel.Warning))
                {
                    Log.ElectionFailed(logger, Failures.Describe(error), options.RetryPeriod);
                }

                await Task.Delay(options.RetryPeriod, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RunTermAsync(LeaderElectionConfig config, CancellationToken stoppingToken)
    {
        using var elector = new LeaderElector(config);
        using var electionEnd = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var leading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        elector.OnStartedLeading += () => leading.TrySetResult();
        elector.OnNewLeader += leader => Log.NewLeader(logger, leader);
        var election = elector.RunUntilLeadershipLostAsync(electionEnd.Token);
        if (await Task.WhenAny(leading.Task, election).ConfigureAwait(false) == election)
        {
            await election.ConfigureAwait(false);
            return;
        }

        Log.Leading(logger, lease.Identity, lease.Namespace, lease.Name, WatchedKind.All.Count);
        using var termEnd = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var work = term.RunAsync(WatchedKind.All, termEnd.Token);
        try
        {
            if (await Task.WhenAny(election, work).ConfigureAwait(false) == work && work.Exception?.InnerException is { } failure)
            {
                // The term broke (a bug): stop renewing, so that the Lease expires and a healthy replica takes over.
                Log.TermFailed(logger, lease.Identity, failure);
                await electionEnd.CancelAsync().ConfigureAwait(false);
            }

            await election.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (electionEnd.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            // The election was ended because the term failed: compete again.
        }
        finally
        {
            var pending = status.PendingChanges();
            await termEnd.CancelAsync().ConfigureAwait(false);
            await work.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!stoppingToken.IsCancellationRequested)
            {
                Log.LeadershipLost(logger, lease.Identity, pending);
            }
        }
    }
}
