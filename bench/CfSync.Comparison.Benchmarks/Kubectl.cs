namespace CfSync.Comparison.Benchmarks;

/// <summary>
/// kubectl against one cluster, as a user runs it; a non-zero exit throws with its error output. Each request is
/// bounded (kubectl waits forever by default), so a stopped API server fails the call instead of stalling the run.
/// </summary>
internal static class Kubectl
{
    public static Task<string> RunAsync(string kubeconfig, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        Commands.RunAsync("kubectl", ["--kubeconfig", kubeconfig, "--request-timeout=30s", .. arguments], cancellationToken);
}
