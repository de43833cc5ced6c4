using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CfSync.Hosting.Dtfx;

/// <summary>Administrative operations on a whole task hub (its queues, tables and lease blobs).</summary>
public static class DtfxTaskHub
{
    /// <summary>Deletes the task hub named in <paramref name="options"/> and everything stored in it.</summary>
    public static async Task DeleteAsync(DtfxHostOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        DtfxHostOptionsValidator.ThrowIfInvalid(options);
        loggerFactory ??= NullLoggerFactory.Instance;
        ILogger logger = loggerFactory.CreateLogger(typeof(DtfxTaskHub));
        using var service = new AzureStorageOrchestrationService(ServiceSettingsFactory.Create(options, loggerFactory));
        await service.DeleteAsync().ConfigureAwait(false);
        Log.TaskHubDeleted(logger, options.TaskHubName);
    }
}
