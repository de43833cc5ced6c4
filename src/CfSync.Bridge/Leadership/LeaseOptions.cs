using CfSync.Core.Sources;
using Microsoft.Extensions.Options;

namespace CfSync.Bridge.Leadership;

/// <summary>
/// The coordination.k8s.io Lease the replicas compete for. Bound from <c>CfSync:Bridge:Lease</c>. The durations are
/// client-go's defaults: a standby takes over at most <see cref="Duration"/> after the leader's last renewal, and a
/// leader that cannot renew for <see cref="RenewDeadline"/> stops, before any standby may take over.
/// </summary>
public sealed class LeaseOptions
{
    public const string Section = "CfSync:Bridge:Lease";

    /// <summary>The Lease's namespace; when unset, the namespace of the kubeconfig context or of the pod, else "default".</summary>
    public string? Namespace { get; set; }

    public string Name { get; set; } = "cfsync-bridge";

    /// <summary>This replica's name in the Lease; when unset, the host name (the pod's name) and a random suffix.</summary>
    public string? Identity { get; set; }

    /// <summary>Whole seconds (the Lease stores seconds).</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>The ordering client-go's leader election requires: retry &lt; renew deadline &lt; lease duration.</summary>
public sealed class LeaseOptionsValidator : IValidateOptions<LeaseOptions>
{
    // client-go: RenewDeadline must exceed JitterFactor (1.2) times RetryPeriod.
    private const double JitterFactor = 1.2;

    public ValidateOptionsResult Validate(string? name, LeaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (KubernetesNames.SubdomainError(options.Name ?? "") is { } nameError)
        {
            failures.Add($"{LeaseOptions.Section}:{nameof(options.Name)} is not a valid Lease name: {nameError}");
        }

        if (options.Duration < TimeSpan.FromSeconds(1) || options.Duration.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            failures.Add($"{LeaseOptions.Section}:{nameof(options.Duration)} must be a whole number of seconds, at least 1 (is {options.Duration}).");
        }

        if (options.RenewDeadline >= options.Duration)
        {
            failures.Add($"{LeaseOptions.Section}:{nameof(options.RenewDeadline)} must be shorter than {nameof(options.Duration)}.");
        }

        if (options.RetryPeriod <= TimeSpan.Zero || options.RenewDeadline.TotalMilliseconds <= JitterFactor * options.RetryPeriod.TotalMilliseconds)
        {
            failures.Add($"{LeaseOptions.Section}:{nameof(options.RetryPeriod)} must be positive and {nameof(options.RenewDeadline)} more than {JitterFactor} times it.");
        }

        if (options.Namespace is { } ns && KubernetesNames.LabelError(ns) is { } namespaceError)
        {
            failures.Add($"{LeaseOptions.Section}:{nameof(options.Namespace)} is not a valid namespace: {namespaceError}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
