using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CfSync.Cloudflare.Resilience;

/// <summary>
/// One <see cref="AccountEdge"/> per API token for the whole process (a DI singleton): Cloudflare counts the
/// 1200/5 min limit per user, so every client using the same token must draw from the same budget.
/// </summary>
public sealed class AccountEdgeRegistry(TimeProvider time, ILoggerFactory? loggerFactory = null)
{
    private readonly ConcurrentDictionary<string, Lazy<AccountEdge>> edges = new(StringComparer.Ordinal);
    private readonly ILoggerFactory loggers = loggerFactory ?? NullLoggerFactory.Instance;

    public AccountEdgeRegistry()
        : this(TimeProvider.System)
    {
    }

    public AccountEdge GetOrCreate(CloudflareOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = AccountKeyOf(options.ApiToken);
        return edges.GetOrAdd(key, k => new Lazy<AccountEdge>(() => Create(k, options))).Value;
    }

    /// <summary>A stable, non-reversible label for a token: safe for logs and dictionary keys.</summary>
    public static string AccountKeyOf(string apiToken) =>
        "acct-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiToken ?? string.Empty)))[..12];

    private AccountEdge Create(string key, CloudflareOptions options)
    {
        var budget = new AccountRateBudget(options.RateBudget.PermitLimit, options.RateBudget.Window, time);
        var pipeline = CloudflarePipelineFactory.Create(key, budget, options, time, loggers.CreateLogger("CfSync.Cloudflare.Resilience"));
        return new AccountEdge(key, budget, pipeline);
    }
}
