using CfSync.Bridge.Leadership;
using CfSync.Bridge.Queueing;
using CfSync.Watchers.Changes;
using Microsoft.Extensions.Options;

namespace CfSync.Bridge;

/// <summary>Every setting of the bridge, bound from configuration and validated together before anything starts.</summary>
internal sealed record BridgeSettings(BridgeOptions Bridge, LeaseOptions Lease, ChangeQueueOptions Queue, StorageConnection Storage)
{
    /// <exception cref="OptionsValidationException">Some settings are wrong; the failures name each of them.</exception>
    public static BridgeSettings Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var failures = new List<string>();
        var settings = new BridgeSettings(
            Bind<BridgeOptions>(configuration, BridgeOptions.Section, new BridgeOptionsValidator(), failures),
            Bind<LeaseOptions>(configuration, LeaseOptions.Section, new LeaseOptionsValidator(), failures),
            Bind<ChangeQueueOptions>(configuration, ChangeQueueOptions.Section, new ChangeQueueOptionsValidator(), failures),
            new StorageConnection());
        StorageConnection.Bind(settings.Storage, configuration);
        Validate(settings.Storage, new StorageConnectionValidator(), failures);
        return failures.Count == 0 ? settings : throw new OptionsValidationException(Options.DefaultName, typeof(BridgeSettings), failures);
    }

    private static T Bind<T>(IConfiguration configuration, string section, IValidateOptions<T> validator, List<string> failures)
        where T : class, new()
    {
        var options = new T();
        try
        {
            configuration.GetSection(section).Bind(options);
        }
        catch (InvalidOperationException unconvertible)
        {
            // The binder names the setting and the type it expected ("Failed to convert configuration value at ...").
            failures.Add(unconvertible.Message);
            return options;
        }

        Validate(options, validator, failures);
        return options;
    }

    private static void Validate<T>(T options, IValidateOptions<T> validator, List<string> failures)
        where T : class
    {
        if (validator.Validate(Options.DefaultName, options) is { Failed: true } result)
        {
            failures.AddRange(result.Failures);
        }
    }
}
