using CfSync.Translation.Manifests;

namespace CfSync.Translation.Tests;

/// <summary>What a manifest set does with objects of kinds CfSync does not read, and with duplicates.</summary>
public sealed class ManifestSetTests
{
    private const string Foreign = """
        apiVersion: v1
        kind: Secret
        metadata: {name: cloudflare-api-token, namespace: infra}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: infra}
        ---
        apiVersion: networking.cloudflare-operator.io/v1alpha2
        kind: AccessGroup
        metadata: {name: admins}
        """;

    [Fact]
    public void Kinds_we_do_not_read_are_counted_by_apiVersion_and_kind_never_dropped_silently()
    {
        var set = new ManifestSet([.. ManifestReader.ReadText(Foreign, "a.yaml"), .. ManifestReader.ReadText(Foreign, "b.yaml")]);
        Assert.Equal(
            [new IgnoredKind("apps/v1", "Deployment", 2), new IgnoredKind("networking.cloudflare-operator.io/v1alpha2", "AccessGroup", 2), new IgnoredKind("v1", "Secret", 2)],
            set.Ignored);
        Assert.Null(set.Find(new GroupKind("", "Secret"), "infra", "cloudflare-api-token"));
    }

    [Fact]
    public void Two_clusters_folders_with_the_same_Secret_make_one_set()
    {
        var set = new ManifestSet([.. ManifestReader.ReadText(Foreign, "prod/secret.yaml"), .. ManifestReader.ReadText(Foreign, "staging/secret.yaml")]);
        Assert.Equal(2, set.Ignored.Single(i => i.Kind == "Secret").Count);
    }

    [Fact]
    public void A_duplicate_of_a_kind_we_read_names_both_files_and_lines()
    {
        const string Service = "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\n";
        var error = Assert.Throws<ManifestException>(() => new ManifestSet(
            [.. ManifestReader.ReadText(Service, "prod/web.yaml"), .. ManifestReader.ReadText("---\n" + Service, "staging/web.yaml")]));
        var problem = Assert.Single(error.Problems);
        Assert.Equal("staging/web.yaml:2: document 1: Service shop/web: is defined twice (first at prod/web.yaml:1)", problem.ToString());
    }
}
