using CfSync.LocalHost;
using Microsoft.Extensions.Options;

try
{
    var app = LocalHostApp.Build(LocalHostApp.CreateBuilder(args));
    await app.RunAsync().ConfigureAwait(false);
    return 0;
}
catch (Exception e) when (InvalidSettings(e) is { Count: > 0 } failures)
{
    // A setting the user gave is wrong: say which, without a stack trace.
    await Console.Error.WriteLineAsync($"Invalid settings: {string.Join(" ", failures)}").ConfigureAwait(false);
    return 2;
}

// The host throws one OptionsValidationException for one invalid options class, an AggregateException of them for several.
static List<string> InvalidSettings(Exception e) => e switch
{
    OptionsValidationException invalid => [.. invalid.Failures],
    AggregateException { InnerExceptions: var inner } when inner.All(i => i is OptionsValidationException) =>
        [.. inner.Cast<OptionsValidationException>().SelectMany(i => i.Failures)],
    _ => [],
};
