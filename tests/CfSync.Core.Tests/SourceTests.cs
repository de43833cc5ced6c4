using CfSync.Core.Sources;
using CsCheck;

namespace CfSync.Core.Tests;

public sealed class SourceTests
{
    [Fact]
    public void Key_separates_namespace_and_name_so_dashes_cannot_collide()
    {
        var a = new Source("Ingress", "a-b", "c");
        var b = new Source("Ingress", "a", "b-c");
        Assert.NotEqual(a.Key, b.Key);
        Assert.Equal("Ingress/a-b/c", a.Key);
    }

    [Fact]
    public void Cluster_scoped_source_has_no_namespace_segment()
    {
        var source = new Source("ClusterTunnel", null, "main");
        Assert.Equal("ClusterTunnel/main", source.Key);
        Assert.Equal(source, Source.Parse(source.Key));
    }

    [Theory]
    [InlineData("Ingress", "default", "a/b")]
    [InlineData("Ingress", "", "a")]
    [InlineData("", "default", "a")]
    public void Segments_with_slashes_or_empty_are_refused(string kind, string ns, string name) =>
        Assert.Throws<ArgumentException>(() => new Source(kind, ns, name));

    [Fact]
    public void Distinct_sources_always_have_distinct_keys_and_keys_round_trip()
    {
        var segment = Gen.String[Gen.Char["ab-."], 1, 4];
        var source = Gen.Select(Gen.OneOfConst("Ingress", "HTTPRoute"), segment.Null(), segment)
            .Select((kind, ns, name) => new Source(kind, ns, name));
        Gen.Select(source, source).Sample(pair =>
        {
            var (x, y) = pair;
            Assert.Equal(x == y, x.Key == y.Key);
            Assert.Equal(x, Source.Parse(x.Key));
        });
    }
}
