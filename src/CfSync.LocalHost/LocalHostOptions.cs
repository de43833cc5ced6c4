using Microsoft.Extensions.Options;

namespace CfSync.LocalHost;

/// <summary>The local API's access key settings. Bound from configuration section <c>CfSync:LocalHost</c>.</summary>
public sealed class LocalHostOptions
{
    public const string Section = "CfSync:LocalHost";

    /// <summary>Shortest configured access key: a guessable key would make the key check pointless.</summary>
    public const int MinAccessKeyLength = 16;

    /// <summary>
    /// The key every call must carry (header <c>x-functions-key</c> or query <c>code</c>, as the Functions app's function
    /// keys). When unset (or empty) the host generates one at start.
    /// </summary>
    public string? AccessKey { get; set; }

    /// <summary>Where a generated key is written (owner-only file), so a client on this machine can read it.</summary>
    public string? AccessKeyFile { get; set; }
}

/// <summary>Refuses a short access key, or one with spaces or control characters.</summary>
public sealed class LocalHostOptionsValidator : IValidateOptions<LocalHostOptions>
{
    public ValidateOptionsResult Validate(string? name, LocalHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.AccessKey is { Length: > 0 } key && (key.Length < LocalHostOptions.MinAccessKeyLength || key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
        {
            failures.Add($"{nameof(LocalHostOptions.AccessKey)} must be at least {LocalHostOptions.MinAccessKeyLength} characters without spaces or control characters.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
