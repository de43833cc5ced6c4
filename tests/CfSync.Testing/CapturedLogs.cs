using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CfSync.Testing;

/// <summary>One log entry as a test sees it: the category, level and event, the formatted message and the exception.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, EventId Event, string Message, Exception? Exception)
{
    /// <summary>Everything the entry would show a reader: for secret checks.</summary>
    public string Text => $"{this.Message}{this.Exception}";
}

/// <summary>A logger provider that keeps every entry the factory lets through, to assert on what was logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<CapturedLog> Entries { get; } = new();

    /// <summary>A factory with only this provider, from <paramref name="minimum"/> up.</summary>
    public ILoggerFactory Factory(LogLevel minimum = LogLevel.Information) =>
        LoggerFactory.Create(builder => builder.SetMinimumLevel(minimum).AddProvider(this));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Entries.Enqueue(new CapturedLog(category, logLevel, eventId, formatter(state, exception), exception));
    }
}
