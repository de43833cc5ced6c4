using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CfSync.Sync.Tests;

/// <summary>The one list of the engine's tasks, and the one registration that composes them (hosts map both).</summary>
public sealed class EngineCatalogTests
{
    [Fact]
    public void Names_are_unique_entity_names_lower_case_and_each_class_is_of_its_kind()
    {
        Assert.Equal(EngineCatalog.Tasks.Count, EngineCatalog.Tasks.Select(t => (t.Kind, t.Name)).Distinct().Count());
        Assert.All(EngineCatalog.Tasks.Where(t => t.Kind == EngineTaskKind.Entity), t => Assert.Equal(t.Name.ToLowerInvariant(), t.Name));
        Assert.All(EngineCatalog.Tasks, t => Assert.True(t.Kind switch
        {
            EngineTaskKind.Entity => typeof(ITaskEntity).IsAssignableFrom(t.Type),
            EngineTaskKind.Orchestrator => typeof(ITaskOrchestrator).IsAssignableFrom(t.Type),
            _ => typeof(ITaskActivity).IsAssignableFrom(t.Type),
        }, $"{t.Type} is not a {t.Kind}"));
    }

    [Fact]
    public void One_call_registers_every_task_and_binds_the_options_from_configuration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{SyncOptions.Section}:DebounceQuietWindow"] = "00:00:03" })
            .Build();
        var services = new ServiceCollection().AddCfSyncEngine(configuration);

        Assert.All(EngineCatalog.Tasks, t => Assert.Contains(services, d => d.ServiceType == t.Type));
        using var provider = services.BuildServiceProvider();
        Assert.Equal(TimeSpan.FromSeconds(3), provider.GetRequiredService<IOptions<SyncOptions>>().Value.DebounceQuietWindow);
    }

    [Fact]
    public void Invalid_settings_are_refused_by_name()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{SyncOptions.Section}:MaxAttempts"] = "0" })
            .Build();
        using var provider = new ServiceCollection().AddCfSyncEngine(configuration).BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SyncOptions>>().Value);
        Assert.Contains("MaxAttempts", refused.Message, StringComparison.Ordinal);
    }
}
