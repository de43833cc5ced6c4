using Microsoft.Extensions.Options;

namespace CfSync.Hosting.Dtfx;

/// <summary>Rejects options the Azure Storage provider would only fail on later, with less clear errors.</summary>
public sealed class DtfxHostOptionsValidator : IValidateOptions<DtfxHostOptions>
{
    public ValidateOptionsResult Validate(string? name, DtfxHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("ConnectionString is required.");
        }

        if (!IsValidTaskHubName(options.TaskHubName))
        {
            failures.Add($"TaskHubName '{options.TaskHubName}' must be 3-45 ASCII letters or digits and start with a letter.");
        }

        if (options.PartitionCount is < 1 or > 16)
        {
            failures.Add("PartitionCount must be between 1 and 16.");
        }

        if (options.MaxConcurrentActivities < 1 || options.MaxConcurrentOrchestrations < 1 || options.MaxConcurrentEntities < 1)
        {
            failures.Add("Work item concurrency limits must be at least 1.");
        }

        if (options.MaxEntityOperationBatchSize < 1)
        {
            failures.Add("MaxEntityOperationBatchSize must be at least 1 (or null for no limit).");
        }

        if (options.ControlQueueBatchSize is < 1 or > 32)
        {
            failures.Add("ControlQueueBatchSize must be between 1 and 32 (Azure Storage reads at most 32 messages at a time).");
        }

        if (options.MaxQueuePollingInterval <= TimeSpan.Zero || options.ClientPollingInterval <= TimeSpan.Zero)
        {
            failures.Add("Polling intervals must be positive.");
        }

        if (options.WorkItemQueueVisibilityTimeout < TimeSpan.FromSeconds(1))
        {
            failures.Add("WorkItemQueueVisibilityTimeout must be at least 1 second.");
        }

        if (options.ControlQueueVisibilityTimeout < TimeSpan.FromSeconds(1))
        {
            failures.Add("ControlQueueVisibilityTimeout must be at least 1 second.");
        }

        if (options.DataConverter is null)
        {
            failures.Add("DataConverter is required.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> when the options are invalid.</summary>
    public static void ThrowIfInvalid(DtfxHostOptions options)
    {
        ValidateOptionsResult result = new DtfxHostOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(DtfxHostOptions), result.Failures);
        }
    }

    static bool IsValidTaskHubName(string name) =>
        name.Length is >= 3 and <= 45 && char.IsAsciiLetter(name[0]) && name.All(char.IsAsciiLetterOrDigit);
}
