namespace CfSync.LocalHost;

/// <summary>The host names the local API answers to (any port): DNS rebinding and other names get 400.</summary>
public static class LoopbackHosts
{
    public static IReadOnlyList<string> Names { get; } = ["localhost", "127.0.0.1", "[::1]"];

    public static bool Contains(string host) => Names.Contains(host, StringComparer.OrdinalIgnoreCase);
}
