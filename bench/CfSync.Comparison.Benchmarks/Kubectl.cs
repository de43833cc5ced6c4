namespace CfSync.Comparison.Benchmarks;

/// <summary>kubectl against one cluster, as a user runs it; a non-zero exit throws with its error output.</summary>
internal static class Kubectl
{
    public static Task<string> RunAsync(string kubeconfig, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        Commands.RunAsync("kubectl", ["--kubeconfig", kubeconfig, .. arguments], cancellationToken);
}
