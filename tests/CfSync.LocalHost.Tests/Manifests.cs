namespace CfSync.LocalHost.Tests;

/// <summary>Small manifests for the tests: tunnels (each registers its settings with its tunnel's entity) and hostile texts.</summary>
public static class Manifests
{
    public const string Account = "0123456789abcdef0123456789abcdef";

    /// <summary>A namespaced Tunnel that Cloudflare already knows as <paramref name="tunnelId"/>.</summary>
    public static string Tunnel(string name, string tunnelId, string? uid = null) => $"""
        apiVersion: networking.cloudflare-operator.io/v1alpha2
        kind: Tunnel
        metadata:
          name: {name}
          namespace: intake{(uid is null ? "" : $"\n  uid: {uid}")}
        spec:
          fallbackTarget: http_status:404
          cloudflare: {"{"}domain: example.com, secret: token{"}"}
        status:
          tunnelId: {tunnelId}
          accountId: {Account}
        """;

    public static string Join(params string[] documents) => string.Join("\n---\n", documents) + "\n";
}
