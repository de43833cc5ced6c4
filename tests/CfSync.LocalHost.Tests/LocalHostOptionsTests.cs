namespace CfSync.LocalHost.Tests;

public sealed class LocalHostOptionsTests
{
    [Theory]
    [InlineData("short", 4 * 1024 * 1024)]
    [InlineData("a key with spaces in it", 4 * 1024 * 1024)]
    [InlineData(null, 1024)]
    [InlineData(null, 1024L * 1024 * 1024)]
    public void Weak_keys_and_body_bounds_out_of_range_are_refused(string? key, long bodyBytes) =>
        Assert.True(new LocalHostOptionsValidator().Validate(null, new LocalHostOptions { AccessKey = key, MaxRequestBodyBytes = bodyBytes }).Failed);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0123456789abcdef")]
    public void No_key_an_empty_one_or_a_long_enough_one_are_valid(string? key) =>
        Assert.True(new LocalHostOptionsValidator().Validate(null, new LocalHostOptions { AccessKey = key }).Succeeded);
}
