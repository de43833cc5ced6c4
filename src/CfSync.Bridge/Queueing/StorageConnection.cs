using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace CfSync.Bridge.Queueing;

/// <summary>
/// The Azure Storage account the change queue lives in: <c>CFSYNC_STORAGE_CONNECTION</c>, else <c>AzureWebJobsStorage</c>
/// (the Functions app's own setting, so both ends share one account by default). The string embeds an account key:
/// it is never logged, and errors about it name the setting, not the value.
/// </summary>
public sealed class StorageConnection
{
    public const string Variable = "CFSYNC_STORAGE_CONNECTION";
    public const string FunctionsVariable = "AzureWebJobsStorage";

    public string? ConnectionString { get; set; }

    internal static void Bind(StorageConnection target, IConfiguration configuration) =>
        target.ConnectionString = configuration[Variable] is { Length: > 0 } own ? own : configuration[FunctionsVariable];
}

/// <summary>Refuses a missing or unparsable connection string, without quoting it.</summary>
public sealed class StorageConnectionValidator : IValidateOptions<StorageConnection>
{
    public ValidateOptionsResult Validate(string? name, StorageConnection options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail($"No storage account: set {StorageConnection.Variable} (or {StorageConnection.FunctionsVariable}) to the connection string of the change queue's account.");
        }

        try
        {
            _ = new QueueServiceClient(options.ConnectionString);
            return ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            return ValidateOptionsResult.Fail($"The storage connection string ({StorageConnection.Variable} or {StorageConnection.FunctionsVariable}) is not a valid Azure Storage connection string.");
        }
    }
}
