using CfSync.Cloudflare.Models;

namespace CfSync.Cloudflare.Api;

public sealed class GatewayRulesApi
{
    private readonly CloudflareTransport transport;

    internal GatewayRulesApi(CloudflareTransport transport) => this.transport = transport;

    /// <summary>All rules (the endpoint is unpaginated).</summary>
    public async Task<IReadOnlyList<GatewayRule>> ListAsync(string accountId, CancellationToken cancellationToken = default) =>
        (await transport.SendAsync<List<GatewayRule>>(HttpMethod.Get, Rules(accountId), null, false, cancellationToken).ConfigureAwait(false))!.Result ?? [];

    public async Task<GatewayRule> CreateAsync(string accountId, GatewayRuleRequest rule, CancellationToken cancellationToken = default) =>
        (await transport.SendAsync<GatewayRule>(HttpMethod.Post, Rules(accountId), JsonBody.From(rule), false, cancellationToken).ConfigureAwait(false))!.Result;

    public async Task<GatewayRule> UpdateAsync(string accountId, string ruleId, GatewayRuleRequest rule, CancellationToken cancellationToken = default) =>
        (await transport.SendAsync<GatewayRule>(HttpMethod.Put, Rule(accountId, ruleId), JsonBody.From(rule), false, cancellationToken).ConfigureAwait(false))!.Result;

    public async Task<DeleteOutcome> DeleteAsync(string accountId, string ruleId, CancellationToken cancellationToken = default) =>
        await transport.SendAsync<object>(HttpMethod.Delete, Rule(accountId, ruleId), null, true, cancellationToken).ConfigureAwait(false) is null
            ? DeleteOutcome.NotFound
            : DeleteOutcome.Deleted;

    private static string Rules(string accountId) => ApiPaths.Account(accountId) + "/gateway/rules";

    private static string Rule(string accountId, string ruleId) => Rules(accountId) + "/" + ApiPaths.Segment(ruleId);
}
