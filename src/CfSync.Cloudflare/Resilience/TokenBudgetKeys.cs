using CfSync.Sync.Budget;
using Microsoft.Extensions.Options;

namespace CfSync.Cloudflare.Resilience;

/// <summary>The account budget of this process's token, named by the same label as its <see cref="AccountEdge"/>.</summary>
internal sealed class TokenBudgetKeys(IOptions<CloudflareOptions> options) : IAccountBudgetKeys
{
    public string AccountKey { get; } = AccountEdgeRegistry.AccountKeyOf(options.Value.ApiToken);
}
