using System.Text.Json.Nodes;
using CfSync.Translation.Manifests;

namespace CfSync.Translation.Tests;

/// <summary>The kinds we read are described once; everything that asks about a kind answers from that one table.</summary>
public sealed class KindCatalogTests
{
    private static JsonObject Object(KindDescription kind, string version) => new()
    {
        ["apiVersion"] = kind.Kind.Group.Length == 0 ? version : $"{kind.Kind.Group}/{version}",
        ["kind"] = kind.Kind.Kind,
        ["metadata"] = new JsonObject { ["name"] = "x", ["namespace"] = kind.Namespaced ? "default" : null },
    };

    [Fact]
    public void Every_kind_is_described_once_with_at_least_one_version()
    {
        Assert.Equal(Kinds.All.Count, Kinds.All.Select(k => k.Kind).Distinct().Count());
        Assert.All(Kinds.All, k => Assert.NotEmpty(k.Versions));
        Assert.All(Kinds.All, k => Assert.Same(k, Kinds.Find(k.Kind)));
    }

    [Fact]
    public void The_reader_defaults_namespaces_from_the_catalog()
    {
        Assert.All(Kinds.All, k => Assert.Equal(k.Namespaced, Kinds.IsNamespaced(k.Kind)));
        Assert.False(Kinds.IsNamespaced(new GroupKind("", "Secret")));
    }

    [Fact]
    public void The_translator_dispatch_is_the_catalogs_and_looked_up_kinds_translate_to_nothing()
    {
        var empty = new ManifestSet([]);
        foreach (var kind in Kinds.All)
        {
            // Any version outside the catalog reaches a translator's version check, if the kind has a translator.
            var result = ObjectTranslator.Translate(Object(kind, "v9"), empty);
            Assert.Equal(kind.ContributesFragments, result.Rejections.Count == 1);
            if (!kind.ContributesFragments)
            {
                Assert.Same(TranslationResult.Empty, result);
            }
        }

        Assert.Equal(
            ["AccessApplication", "ClusterTunnel", "DNSRecord", "GatewayRule", "HTTPRoute", "Ingress", "NetworkRoute", "Tunnel", "TunnelBinding", "TunnelBinding.networking.cfargotunnel.com"],
            Kinds.All.Where(k => k.ContributesFragments).Select(k => k.Kind.Group is Kinds.OperatorGroup or Kinds.GatewayApiGroup or Kinds.NetworkingGroup ? k.Kind.Kind : k.Kind.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_translated_kind_in_a_version_outside_the_catalog_is_rejected_naming_the_versions_it_has()
    {
        var tunnel = Kinds.Find(Kinds.Tunnel)!;
        var result = ObjectTranslator.Translate(Object(tunnel, "v9"), new ManifestSet([]));
        Assert.Contains(string.Join(" or ", tunnel.Versions.Select(v => $"{Kinds.OperatorGroup}/{v}")), Assert.Single(result.Rejections).Reason, StringComparison.Ordinal);
    }
    [Fact]
    public void Every_kind_is_read_at_the_path_and_version_the_api_server_serves_it_under()
    {
        Assert.Equal(
            ["tunnels@networking.cloudflare-operator.io/v1alpha2", "clustertunnels@networking.cloudflare-operator.io/v1alpha2", "ingresses@networking.k8s.io/v1",
             "httproutes@gateway.networking.k8s.io/v1", "tunnelbindings@networking.cloudflare-operator.io/v1alpha1", "tunnelbindings@networking.cfargotunnel.com/v1alpha1",
             "dnsrecords@networking.cloudflare-operator.io/v1alpha2", "accessapplications@networking.cloudflare-operator.io/v1alpha2",
             "networkroutes@networking.cloudflare-operator.io/v1alpha2", "gatewayrules@networking.cloudflare-operator.io/v1alpha2", "services@v1",
             "ingressclasses@networking.k8s.io/v1", "gateways@gateway.networking.k8s.io/v1", "gatewayclasses@gateway.networking.k8s.io/v1",
             "tunnelingressclassconfigs@networking.cloudflare-operator.io/v1alpha2", "tunnelgatewayclassconfigs@networking.cloudflare-operator.io/v1alpha2",
             "virtualnetworks@networking.cloudflare-operator.io/v1alpha2"],
            Kinds.All.Select(k => $"{k.Plural}@{k.ReadApiVersion}"));
    }
}
