using CfSync.Hosting.Dtfx;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CfSync.LocalHost.Tests;

/// <summary>The local host as a worker of a shared task hub: its engine settings come from <c>CfSync:Dtfx</c>.</summary>
public sealed class EngineSettingsTests
{
    [Fact]
    public void The_CfSync_Dtfx_section_sets_the_workers_engine_and_overrides_the_short_settings()
    {
        var options = Resolve(new()
        {
            ["CFSYNC_STORAGE_CONNECTION"] = "UseDevelopmentStorage=true",
            ["CfSync:TaskHub"] = "Short",
            ["CfSync:Dtfx:TaskHubName"] = "Shared",
            ["CfSync:Dtfx:PartitionCount"] = "8",
            ["CfSync:Dtfx:WorkerId"] = "worker-2",
            ["CfSync:Dtfx:ControlQueueVisibilityTimeout"] = "00:00:45",
        });

        Assert.Equal(("UseDevelopmentStorage=true", "Shared", 8, "worker-2", TimeSpan.FromSeconds(45)),
            (options.ConnectionString, options.TaskHubName, options.PartitionCount, options.WorkerId, options.ControlQueueVisibilityTimeout));
    }

    [Fact]
    public void Without_the_section_the_storage_connection_and_task_hub_settings_apply()
    {
        var options = Resolve(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        Assert.Equal(("UseDevelopmentStorage=true", "CfSync", 4, (string?)null), (options.ConnectionString, options.TaskHubName, options.PartitionCount, options.WorkerId));
    }

    private static DtfxHostOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddLocalEngine(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<DtfxHostOptions>>().Value;
    }
}
