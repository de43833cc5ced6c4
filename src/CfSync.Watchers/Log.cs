using Microsoft.Extensions.Logging;

namespace CfSync.Watchers;

// Structured events of the watchers. Only object coordinates and reasons: never an object's content.
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Change {Change} skipped: {Problem}")]
    public static partial void ChangeSkipped(ILogger logger, string change, string problem);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "Batch of {Changes} changes at revision {Revision}: {Translated} translated, {Deleted} deleted, {Dependents} dependents re-evaluated")]
    public static partial void BatchHandled(ILogger logger, int changes, string revision, int translated, int deleted, int dependents);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Source entity '{Key}' skipped by the sweep: {Problem}")]
    public static partial void SweepSkipped(ILogger logger, string key, string problem);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "A {Kind} listed as a possible dependent was skipped: {Problem}")]
    public static partial void CandidateSkipped(ILogger logger, string kind, string problem);
}
