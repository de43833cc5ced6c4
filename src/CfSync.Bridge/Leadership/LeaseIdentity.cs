namespace CfSync.Bridge.Leadership;

/// <summary>The Lease this replica competes for and the name it holds it under, with the defaults filled in.</summary>
internal sealed record LeaseIdentity(string Namespace, string Name, string Identity)
{
    public static LeaseIdentity Resolve(LeaseOptions options, string? clusterNamespace)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Two replicas on one host (or two test bridges) must not share an identity, or both would lead.
        var identity = options.Identity is { Length: > 0 } given ? given : $"{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..8]}";
        return new(options.Namespace ?? clusterNamespace ?? "default", options.Name, identity);
    }
}
