using CfSync.Cloudflare.Api;
using CfSync.Cloudflare.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CfSync.Cloudflare;

/// <summary>
/// The Cloudflare API as typed operations, grouped by area. Every call goes through the account's shared
/// pipeline (retry → circuit breaker → rate budget → attempt timeout) taken from <see cref="AccountEdgeRegistry"/>.
/// </summary>
public sealed class CloudflareClient
{
    public CloudflareClient(
        HttpClient httpClient,
        IOptions<CloudflareOptions> options,
        AccountEdgeRegistry edges,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(edges);
        var settings = options.Value;
        var validation = new CloudflareOptionsValidator().Validate(null, settings);
        if (validation.Failed)
        {
            throw new OptionsValidationException(nameof(CloudflareOptions), typeof(CloudflareOptions), validation.Failures);
        }

        Edge = edges.GetOrCreate(settings);
        var transport = new CloudflareTransport(
            httpClient,
            settings,
            Edge,
            timeProvider ?? TimeProvider.System,
            (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<CloudflareClient>());
        Tunnels = new TunnelsApi(transport);
        Zones = new ZonesApi(transport);
        Dns = new DnsRecordsApi(transport);
        Access = new AccessApplicationsApi(transport);
        Routes = new TunnelRoutesApi(transport);
        Gateway = new GatewayRulesApi(transport);
    }

    /// <summary>The budget and pipeline shared with every other client of the same token.</summary>
    public AccountEdge Edge { get; }

    public TunnelsApi Tunnels { get; }

    public ZonesApi Zones { get; }

    public DnsRecordsApi Dns { get; }

    public AccessApplicationsApi Access { get; }

    public TunnelRoutesApi Routes { get; }

    public GatewayRulesApi Gateway { get; }
}
