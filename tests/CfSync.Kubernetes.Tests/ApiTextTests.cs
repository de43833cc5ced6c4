namespace CfSync.Kubernetes.Tests;

public sealed class ApiTextTests
{
    [Fact]
    public void Text_within_the_bound_is_kept_and_longer_text_is_cut_with_an_ellipsis_never_inside_a_surrogate_pair()
    {
        Assert.Equal("short", ApiText.Bounded("short", 5));
        Assert.Equal("abc…", ApiText.Bounded("abcdef", 4));
        Assert.Equal("ab…", ApiText.Bounded("ab\U0001F600cd", 4));
    }

    [Fact]
    public void Reasons_are_joined_up_to_the_bound()
    {
        Assert.Equal("a; b", ApiText.Join(["a", "b"]));
        var joined = ApiText.Join(Enumerable.Repeat(new string('x', 600), 1_000_000));
        Assert.Equal(ApiText.MaxMessageLength, joined.Length);
        Assert.StartsWith(new string('x', 600) + "; x", joined, StringComparison.Ordinal);
    }
}
