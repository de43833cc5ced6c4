using System.Text.RegularExpressions;
using CfSync.Core.Tunnels;

namespace CfSync.Core.Tests;

public sealed class PathPatternTests
{
    [Theory]
    [InlineData("/a.b", "/a.b", true, "the path itself")]
    [InlineData("/a.b", "/aXb", false, "a dot is literal, not any character")]
    [InlineData("/a.b", "/x/a.b", false, "anchored at the start")]
    [InlineData("/a.b", "/a.b/c", false, "anchored at the end")]
    [InlineData("/api/", "/api", false, "Exact keeps the trailing slash")]
    public void Exact(string path, string request, bool matches, string reason) =>
        Assert.True(matches == Regex.IsMatch(request, PathPatterns.Exact(path)), reason);

    [Theory]
    [InlineData("/api", "/api", true, "the prefix itself")]
    [InlineData("/api", "/api/", true, "with a trailing slash")]
    [InlineData("/api", "/api/x", true, "a deeper path")]
    [InlineData("/api", "/apix", false, "prefixes match whole path elements")]
    [InlineData("/api", "/x/api", false, "anchored at the start")]
    [InlineData("/api/", "/api", true, "a trailing slash in the prefix is ignored")]
    [InlineData("/v1.0", "/v1x0", false, "escaped")]
    [InlineData("/a+b(c)", "/a+b(c)/d", true, "every RE2 metacharacter is quoted")]
    public void Prefix(string path, string request, bool matches, string reason) =>
        Assert.True(matches == Regex.IsMatch(request, PathPatterns.Prefix(path)!), reason);

    [Fact]
    public void Prefix_slash_matches_everything_so_it_has_no_path() => Assert.Null(PathPatterns.Prefix("/"));

    [Fact]
    public void Generated_patterns_are_valid_re2()
    {
        Assert.Null(Re2Syntax.Check(PathPatterns.Exact("/a+b(c)[d]{e}|f^$\\")));
        Assert.Null(Re2Syntax.Check(PathPatterns.Prefix("/a+b(c)[d]{e}|f^$\\")!));
    }

    [Theory]
    [InlineData(@"^/a\.b$", 4, true)]
    [InlineData("^/api(/.*)?$", 4, false)]
    [InlineData("^/api/v1(/.*)?$", 7, false)]
    [InlineData(".*", 0, false)]
    public void Specificity_counts_the_literal_prefix(string pattern, int literal, bool exact) =>
        Assert.Equal((literal, exact), PathPatterns.Specificity(pattern));
}
