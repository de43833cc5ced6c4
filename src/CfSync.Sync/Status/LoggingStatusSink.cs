using CfSync.Core.Aggregation;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Sync.Entities;
using Microsoft.Extensions.Logging;

namespace CfSync.Sync.Status;

/// <summary>Mirrors outcomes into the log: the sink for local runs until the Kubernetes edge writes CRD status.</summary>
public sealed partial class LoggingStatusSink(ILogger<LoggingStatusSink> logger) : IStatusSink
{
    public Task MirrorAsync(SyncStatusReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        SyncMirrored(logger, report.Resource, report.Status, report.ConfigHash, report.Attempts, report.Error);
        if (!logger.IsEnabled(LogLevel.Warning))
        {
            return Task.CompletedTask;
        }

        foreach (var source in report.Sources.Where(s => s.Reasons.Count > 0))
        {
            SourceNotAccepted(logger, report.Resource, source.Source, source.Status, string.Join("; ", source.Reasons));
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "{Resource} is {Status} (hash {ConfigHash}, attempts {Attempts}) {Error}")]
    private static partial void SyncMirrored(ILogger logger, ResourceIdentity resource, SyncStatus status, string? configHash, int attempts, string? error);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "{Resource}: source {Source} is {Status}: {Reasons}")]
    private static partial void SourceNotAccepted(ILogger logger, ResourceIdentity resource, Source source, SourceStatus status, string reasons);
}
