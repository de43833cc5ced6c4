using Microsoft.Extensions.Logging;

namespace CfSync.Cloudflare.Dns;

/// <summary>Source-generated log events of the DNS appliers: zone ids, record keys and error codes, never tokens.</summary>
internal static partial class DnsLog
{
    [LoggerMessage(101, LogLevel.Debug, "Read {ZoneCount} zones into the zone directory")]
    public static partial void ZonesRead(ILogger logger, int zoneCount);

    [LoggerMessage(102, LogLevel.Warning, "Cloudflare rejected a batch of {OperationCount} DNS operations in zone {ZoneId} (status {StatusCode}, codes {ErrorCodes}); writing them unit by unit")]
    public static partial void BatchRejected(ILogger logger, string zoneId, int operationCount, int? statusCode, string errorCodes);

    [LoggerMessage(103, LogLevel.Warning, "Cloudflare rejected the {OperationCount} operations for {Unit} in zone {ZoneId} (codes {ErrorCodes})")]
    public static partial void RecordRejected(ILogger logger, string zoneId, string unit, int operationCount, string errorCodes);

    [LoggerMessage(104, LogLevel.Information, "DNS record in zone {ZoneId} not applied for {Source}: {Reason}")]
    public static partial void RecordConflict(ILogger logger, string zoneId, string source, string reason);

    [LoggerMessage(105, LogLevel.Information, "DNS drift in zone {ZoneId} ({Repair}): {Drift}")]
    public static partial void DriftFound(ILogger logger, string zoneId, string repair, string drift);
}
