using Microsoft.Extensions.Options;

namespace CfSync.LocalHost;

/// <summary>The local API's guard settings. Bound from configuration section <c>CfSync:LocalHost</c>.</summary>
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

    /// <summary>
    /// Largest request body Kestrel accepts (413 beyond it). 4 MiB holds a generous folder of manifests; the API server
    /// itself refuses requests above 3 MiB.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;
}

/// <summary>Refuses a short or blank access key and a body bound that would refuse any manifest or allow huge ones.</summary>
public sealed class LocalHostOptionsValidator : IValidateOptions<LocalHostOptions>
{
    private const long MinBodyBytes = 64 * 1024;
    private const long MaxBodyBytes = 64 * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, LocalHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.AccessKey is { Length: > 0 } key && (key.Length < LocalHostOptions.MinAccessKeyLength || key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
        {
            failures.Add($"{nameof(LocalHostOptions.AccessKey)} must be at least {LocalHostOptions.MinAccessKeyLength} characters without spaces or control characters.");
        }

        if (options.MaxRequestBodyBytes is < MinBodyBytes or > MaxBodyBytes)
        {
            failures.Add($"{nameof(LocalHostOptions.MaxRequestBodyBytes)} must be between {MinBodyBytes} and {MaxBodyBytes}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
