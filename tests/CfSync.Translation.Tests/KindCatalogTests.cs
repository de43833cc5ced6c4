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
}
