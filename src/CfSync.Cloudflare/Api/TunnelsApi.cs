using System.Text.Json;
using CfSync.Cloudflare.Models;

namespace CfSync.Cloudflare.Api;

/// <summary>Cloudflare Tunnel and its remotely managed configuration.</summary>
public sealed class TunnelsApi
{
    private readonly CloudflareTransport transport;

    internal TunnelsApi(CloudflareTransport transport) => this.transport = transport;

    /// <summary>The tunnel, or null when it does not exist.</summary>
    public async Task<CloudflareTunnel?> GetAsync(string accountId, string tunnelId, CancellationToken cancellationToken = default) =>
        (await transport.SendAsync<CloudflareTunnel>(HttpMethod.Get, TunnelPath(accountId, tunnelId), null, true, cancellationToken).ConfigureAwait(false))?.Result;

    /// <summary>The current configuration (with its version), or null when the tunnel does not exist.</summary>
    public async Task<TunnelConfiguration?> GetConfigurationAsync(string accountId, string tunnelId, CancellationToken cancellationToken = default) =>
        (await transport.SendAsync<TunnelConfiguration>(HttpMethod.Get, ConfigurationPath(accountId, tunnelId), null, true, cancellationToken).ConfigureAwait(false))?.Result;

    /// <summary>Replaces the whole configuration document with a typed config.</summary>
    public Task<TunnelConfiguration> PutConfigurationAsync(string accountId, string tunnelId, TunnelConfig config, CancellationToken cancellationToken = default) =>
        PutAsync(accountId, tunnelId, JsonBody.From(new { config }), cancellationToken);

    /// <summary>
    /// Replaces the whole configuration with <paramref name="utf8Body"/>, the complete PUT body <c>{"config":{…}}</c> as the
    /// core wrote it. The bytes are sent as they are (no DOM round-trip), so what Cloudflare receives is exactly what was
    /// hashed: unknown keys, key order and unescaped characters such as <c>+</c> reach it unchanged.
    /// </summary>
    public Task<TunnelConfiguration> PutConfigurationAsync(string accountId, string tunnelId, byte[] utf8Body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Body);
        if (!HasConfigObject(utf8Body))
        {
            throw new ArgumentException("The tunnel configuration body must be {\"config\":{...}}.", nameof(utf8Body));
        }

        return PutAsync(accountId, tunnelId, utf8Body, cancellationToken);
    }

    private static bool HasConfigObject(byte[] utf8Body)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("config", out var config)
                && config.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private async Task<TunnelConfiguration> PutAsync(string accountId, string tunnelId, byte[] body, CancellationToken cancellationToken) =>
        (await transport.SendAsync<TunnelConfiguration>(HttpMethod.Put, ConfigurationPath(accountId, tunnelId), body, false, cancellationToken).ConfigureAwait(false))!.Result;

    private static string TunnelPath(string accountId, string tunnelId) => $"{ApiPaths.Account(accountId)}/cfd_tunnel/{ApiPaths.Segment(tunnelId)}";

    private static string ConfigurationPath(string accountId, string tunnelId) => TunnelPath(accountId, tunnelId) + "/configurations";
}
