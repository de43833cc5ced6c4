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
    [InlineData("Ingress", "a/b", "web")]
    [InlineData("Ingress", "shop.example", "web")]
    [InlineData("Ingress", "default", "Web")]
    [InlineData("5", "default", "web")]
    public void Parts_that_kubernetes_would_refuse_are_refused(string kind, string ns, string name) =>
        Assert.Throws<ArgumentException>(() => new Source(kind, ns, name));

    [Fact]
    public void Kubernetes_length_limits_hold_so_a_key_fits_any_store()
    {
        var longest = new Source(new string('K', 63), new string('n', 63), new string('a', 253));
        Assert.Equal(Source.MaxKeyLength, longest.Key.Length);
        Assert.Throws<ArgumentException>(() => new Source("Ingress", new string('n', 64), "web"));
        Assert.Throws<ArgumentException>(() => new Source("Ingress", "default", new string('a', 254)));
        Assert.Throws<ArgumentException>(() => new Source(new string('K', 64), "default", "web"));
        Assert.Throws<FormatException>(() => Source.Parse("Ingress/default/" + new string('a', 3000)));
    }

    [Fact]
    public void A_refused_part_is_quoted_at_bounded_length()
    {
        var error = Assert.Throws<ArgumentException>(() => new Source("Ingress", "default", new string('a', 20_000_000) + "/x"));
        Assert.Contains("(20000002 chars)", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 500, $"{error.Message.Length} characters");
    }

    [Fact]
    public void Distinct_sources_always_have_distinct_keys_and_keys_round_trip()
    {
        // Labels with dashes, names with dots: the separators that joining would confuse.
        var part = Gen.String[Gen.Char["ab"], 1, 2];
        var label = Gen.Select(part, Gen.OneOfConst("", "-", "--"), part).Select((a, dash, b) => dash.Length == 0 ? a : a + dash + b);
        var name = Gen.Select(label, label.Null()).Select((a, b) => b is null ? a : $"{a}.{b}");
        var source = Gen.Select(Gen.OneOfConst("Ingress", "HTTPRoute"), label.Null(), name)
            .Select((kind, ns, n) => new Source(kind, ns, n));
        Gen.Select(source, source).Sample(pair =>
        {
            var (x, y) = pair;
            Assert.Equal(x == y, x.Key == y.Key);
            Assert.Equal(x, Source.Parse(x.Key));
        });
    }
}
