using CfSync.Core.Text;

namespace CfSync.Core.Tests;

public sealed class QuoteTests
{
    [Theory]
    [InlineData("app.example.com")]
    [InlineData("")]
    public void A_short_printable_value_is_itself(string value) => Assert.Same(value, Quote.Of(value));

    [Fact]
    public void Null_is_empty() => Assert.Equal(string.Empty, Quote.Of((string?)null));

    [Fact]
    public void A_long_value_keeps_its_prefix_and_says_how_long_it_was()
    {
        var hostname = new string('a', 20_000_000) + ".example.com";
        Assert.Equal(new string('a', Quote.MaxLength) + "…(20000012 chars)", Quote.Of(hostname));
    }

    [Fact]
    public void Control_characters_are_escaped_so_a_value_cannot_forge_a_log_line() =>
        Assert.Equal("a\\u000aINFO forged\\u001b[31m", Quote.Of("a\nINFO forged\u001b[31m"));

    [Fact]
    public void A_surrogate_pair_is_never_cut_in_half()
    {
        var value = new string('a', Quote.MaxLength - 1) + "😀" + "tail";
        var quoted = Quote.Of(value);
        Assert.StartsWith(new string('a', Quote.MaxLength - 1) + "…", quoted, StringComparison.Ordinal);
        Assert.DoesNotContain('\ud83d', quoted);
    }
}
