namespace CfSync.LocalHost;

// Structured events of the local host. The access key is never a parameter.
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Local API access key generated and written to {KeyFile}")]
    public static partial void AccessKeyWritten(ILogger logger, string keyFile);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "Local API access key generated but not written anywhere: every call will be refused. Set CfSync:LocalHost:AccessKey or CfSync:LocalHost:AccessKeyFile")]
    public static partial void AccessKeyUnknowable(ILogger logger);
}
