using CfSync.LocalHost;
using Microsoft.Extensions.Options;

try
{
    var app = LocalHostApp.Build(LocalHostApp.CreateBuilder(args));
    await app.RunAsync().ConfigureAwait(false);
    return 0;
}
catch (OptionsValidationException e)
{
    // A setting the user gave is wrong: say which, without a stack trace.
    await Console.Error.WriteLineAsync($"Invalid settings: {string.Join(" ", e.Failures)}").ConfigureAwait(false);
    return 2;
}
