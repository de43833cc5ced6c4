using System.Diagnostics;
using System.Globalization;
using CfSync.Comparison.Benchmarks.Workload;
using k8s;

namespace CfSync.Intake.Benchmarks;

/// <summary>One change the load made: the hostname it adds to the tunnel's body and when the API server acknowledged it.</summary>
internal sealed record AppliedChange(string Hostname, DateTimeOffset Returned);

/// <summary>The load's outcome: the changes the API server acknowledged, the ones it refused, and how long sending took.</summary>
internal sealed record LoadResult(IReadOnlyList<AppliedChange> Applied, int Failed, string? FirstError, TimeSpan SendDuration);

/// <summary>
/// Creates Ingresses of the edge tunnel's class at a steady rate, each with a hostname of its own, so every change adds
/// one rule to the tunnel's rendered body. Each create starts at its slot (start + i / rate) without waiting for the
/// previous one, so a slow API server shows as latency, not as a lower rate.
/// </summary>
internal sealed class ChangeLoad(IKubernetes kubernetes, TimeProvider time)
{
    public async Task<LoadResult> RunAsync(string runLabel, int ratePerSecond, TimeSpan duration, CancellationToken cancellationToken)
    {
        var count = (int)(ratePerSecond * duration.TotalSeconds);
        var creates = new List<Task<AppliedChange>>(count);
        var started = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / ratePerSecond) - started.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, time, cancellationToken).ConfigureAwait(false);
            }

            var name = string.Create(CultureInfo.InvariantCulture, $"bench-{runLabel}-{i:D5}");
            creates.Add(CreateAsync(name, $"{name}.example.com", cancellationToken));
        }

        var applied = new List<AppliedChange>(count);
        var failed = 0;
        string? firstError = null;
        foreach (var create in creates)
        {
            try
            {
                applied.Add(await create.ConfigureAwait(false));
            }
            catch (k8s.Autorest.HttpOperationException e)
            {
                failed++;
                firstError ??= $"{(int)e.Response.StatusCode}: {e.Response.Content}";
            }
        }

        return new LoadResult(applied, failed, firstError, started.Elapsed);
    }

    private async Task<AppliedChange> CreateAsync(string name, string hostname, CancellationToken cancellationToken)
    {
        var ingress = TunnelManifests.Ingress(
            name, IntakeBenchmarkOptions.Namespace, IntakeBenchmarkOptions.IngressClass, [hostname], IntakeBenchmarkOptions.Service, IntakeBenchmarkOptions.ServicePort);
        await kubernetes.NetworkingV1.CreateNamespacedIngressAsync(ingress, IntakeBenchmarkOptions.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new AppliedChange(hostname, time.GetUtcNow());
    }
}
