using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
    public void An_entry_written_to_the_console_starts_with_its_UTC_time()
    {
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
        {
            // The console logger takes Console.Out when it is made, and writes the entries on a thread of its own,
            // flushed when it is disposed.
            using (var services = LocalHostApp.CreateBuilder([]).Services.BuildServiceProvider())
            {
                services.GetRequiredService<ILoggerFactory>().CreateLogger("ConsoleLogFormatTests").Log(LogLevel.Information, default, "stamped entry", null, (text, _) => text);
            }
        }
        finally
        {
            Console.SetOut(console);
        }

        var line = output.ToString().Split('\n').Single(l => l.Contains("ConsoleLogFormatTests", StringComparison.Ordinal));
        var stamp = Regex.Match(line, @"^(\d\d:\d\d:\d\d)\.\d{3} info: ");
        Assert.True(stamp.Success, $"no time at the start of: {line}");
        var written = TimeSpan.ParseExact(stamp.Groups[1].Value, @"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture);
        var drift = (DateTime.UtcNow.TimeOfDay - written).Duration();
        Assert.True(drift < TimeSpan.FromMinutes(1) || drift > TimeSpan.FromHours(23.9), $"{written} is not the UTC time of day");
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
