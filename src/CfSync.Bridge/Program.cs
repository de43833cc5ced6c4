using CfSync.Bridge;
using CfSync.Bridge.Watching;
using Microsoft.Extensions.Options;

try
{
    var app = BridgeApp.Build(BridgeApp.CreateBuilder(args));
    await app.RunAsync().ConfigureAwait(false);
    return 0;
}
catch (OptionsValidationException e)
{
    // A setting the user gave is wrong: say which, without a stack trace.
    await Console.Error.WriteLineAsync($"Invalid settings: {string.Join(" ", e.Failures)}").ConfigureAwait(false);
    return 2;
}
catch (InvalidClusterSettingsException e)
{
    await Console.Error.WriteLineAsync($"Invalid settings: {e.Message}").ConfigureAwait(false);
    return 2;
}
