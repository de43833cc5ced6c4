using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CfSync.LocalHost.Tests;

/// <summary>
/// The local host logs the engine as the Functions app's host.json does, and leaves out the HTTP client's per-request
/// lines, unless the user says otherwise.
/// </summary>
public sealed class EngineLogLevelTests
{
    [Theory]
    [InlineData("DurableTask.Core")]
    [InlineData("DurableTask.AzureStorage")]
    [InlineData("System.Net.Http.HttpClient.CloudflareClient.ClientHandler")]
    public void The_engines_Information_logs_are_left_out_by_default_and_a_setting_brings_them_back(string category)
    {
        Assert.Equal((false, true, true), (InformationLogged(category, []), WarningLogged(category, []), InformationLogged(category, [$"--Logging:LogLevel:{category}=Information"])));
    }

    [Fact]
    public void CfSyncs_own_Information_logs_stay()
    {
        Assert.True(InformationLogged("CfSync.Watchers.Watching.ChangeWatcher", []));
    }

    private static bool InformationLogged(string category, string[] args) => Enabled(category, LogLevel.Information, args);

    private static bool WarningLogged(string category, string[] args) => Enabled(category, LogLevel.Warning, args);

    private static bool Enabled(string category, LogLevel level, string[] args)
    {
        using var services = LocalHostApp.CreateBuilder(args).Services.BuildServiceProvider();
        return services.GetRequiredService<ILoggerFactory>().CreateLogger(category).IsEnabled(level);
    }
}
