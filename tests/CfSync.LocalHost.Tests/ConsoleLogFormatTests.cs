using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace CfSync.LocalHost.Tests;

/// <summary>The local host's console entries carry a UTC time, unless the user sets another format.</summary>
public sealed class ConsoleLogFormatTests
{
    [Fact]
    public void Every_entry_carries_a_UTC_time_by_default()
    {
        var options = Formatter([]);
        Assert.Equal(("HH:mm:ss.fff ", true), (options.TimestampFormat, options.UseUtcTimestamp));
    }

    [Fact]
    public void A_setting_replaces_the_format()
    {
        Assert.Equal("HH:mm ", Formatter(["--Logging:Console:FormatterOptions:TimestampFormat=HH:mm "]).TimestampFormat);
    }

    private static SimpleConsoleFormatterOptions Formatter(string[] args)
    {
        using var services = LocalHostApp.CreateBuilder(args).Services.BuildServiceProvider();
        return services.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue;
    }
}
