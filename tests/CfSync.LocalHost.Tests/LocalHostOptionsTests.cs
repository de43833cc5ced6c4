namespace CfSync.LocalHost.Tests;

public sealed class LocalHostOptionsTests
{
    [Theory]
    [InlineData("short")]
    [InlineData("a key with spaces in it")]
    [InlineData("0123456789abcdef\n")]
    public void Weak_keys_are_refused(string key) =>
        Assert.True(new LocalHostOptionsValidator().Validate(null, new LocalHostOptions { AccessKey = key }).Failed);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0123456789abcdef")]
    public void No_key_an_empty_one_or_a_long_enough_one_are_valid(string? key) =>
        Assert.True(new LocalHostOptionsValidator().Validate(null, new LocalHostOptions { AccessKey = key }).Succeeded);
}
