using System.Text.RegularExpressions;
using CfSync.Watchers.Changes;
using Microsoft.Extensions.Options;

namespace CfSync.Bridge.Queueing;

/// <summary>Azure Storage's rule for queue names, checked before the first write would be refused.</summary>
public sealed partial class ChangeQueueOptionsValidator : IValidateOptions<ChangeQueueOptions>
{
    public ValidateOptionsResult Validate(string? name, ChangeQueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Queue is { Length: >= 3 and <= 63 } queue && QueueName().IsMatch(queue)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{ChangeQueueOptions.Section}:{nameof(options.Queue)} must be 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit (is '{options.Queue}').");
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9]|-(?!-))*[a-z0-9]$")]
    private static partial Regex QueueName();
}
