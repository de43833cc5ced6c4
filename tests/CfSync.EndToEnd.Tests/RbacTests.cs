using System.Text.Json.Nodes;
using CfSync.Kubernetes.DevCluster;
using CfSync.Testing;

namespace CfSync.EndToEnd.Tests;

/// <summary>
/// Least privilege, proven by what the programs really ask: the loop runs what CfSync does to a cluster (the samples and
/// a TunnelBinding of the original operator's group applied, an edit and its revert, a source deleted through its
/// finalizer, two bridges sharing a Lease), the dev cluster records every request by the service account its client
/// named, and each account's set must equal what its Roles in infra/ grant: nothing missing, nothing granted unused.
/// </summary>
public sealed class RbacTests : LoopTest
{
    private static readonly ApiResource OriginalTunnelBindings =
        new("networking.cfargotunnel.com", ["v1alpha1"], "tunnelbindings", "TunnelBinding", Namespaced: true, HasStatusSubresource: true, AllowUnconditionalUpdate: false);

    protected override TestApiServerOptions ClusterOptions =>
        new() { Resources = new ApiResourceTable([.. ApiResourceTable.Default.Resources, OriginalTunnelBindings]) };

    // A standby replica reads the Lease the leader created and renews.
    protected override int Bridges => 2;

    [Fact]
    public async Task Each_service_account_makes_exactly_the_requests_its_roles_grant()
    {
        await ApplySamplesAsync();
        await ApplyAsync(OriginalOperatorBinding());
        await CloudflareHoldsTheRenderAsync();

        // An edit and its revert: the second sync applies the first hash again, so its Events are counted, not added.
        var shop = Manifests.Get("Ingress", "shop");
        var host = shop["spec"]!["rules"]![1]!["host"]!.DeepClone();
        shop["spec"]!["rules"]![1]!["host"] = "health.example.com";
        await ApplyAsync(shop);
        await CloudflareHoldsTheRenderAsync();
        shop["spec"]!["rules"]![1]!["host"] = host;
        await ApplyAsync(shop);
        await CloudflareHoldsTheRenderAsync();

        // The last source of a DNS record: its Cloudflare record goes, the finalizer goes, then its CloudflareSyncState.
        var mail = Manifests.Get("DNSRecord", "mail");
        await DeleteAsync(mail);
        await Eventually.AssertAsync(async () => Assert.Null(await Loop.Objects.GetAsync(mail)), CloudflareChecks.Patience);

        var overlay = Overlay.Of("production");
        await Eventually.AssertAsync(() =>
        {
            var recorded = Loop.Cluster.RecordedRequests;
            Assert.Subset(new HashSet<string>(["", Grants.Bridge, Grants.Functions]), recorded.Select(r => r.User).ToHashSet());
            foreach (var account in new[] { Grants.Bridge, Grants.Functions })
            {
                var (missing, unused) = Grants.Compare(Grants.Of(overlay, account), recorded.Where(r => r.User == account).Select(r => r.Request));
                Assert.True(missing.Count == 0 && unused.Count == 0,
                    $"{account}: made but not granted: [{string.Join(", ", missing)}]; granted but not made: [{string.Join(", ", unused)}]");
            }

            return Task.CompletedTask;
        }, CloudflareChecks.Patience, TimeSpan.FromMilliseconds(500));
    }

    /// <summary>Team A's Grafana bound again under another host by a TunnelBinding of the original operator's group.</summary>
    private static JsonObject OriginalOperatorBinding() => JsonNode.Parse("""
        {"apiVersion":"networking.cfargotunnel.com/v1alpha1","kind":"TunnelBinding",
         "metadata":{"name":"team-a-original","namespace":"team-a"},
         "subjects":[{"name":"grafana","spec":{"fqdn":"original.team-a.example.com"}}],
         "tunnelRef":{"kind":"Tunnel","name":"internal"}}
        """)!.AsObject();
}
