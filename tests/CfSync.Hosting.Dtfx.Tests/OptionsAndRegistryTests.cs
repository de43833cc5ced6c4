using Microsoft.Extensions.Options;

namespace CfSync.Hosting.Dtfx.Tests;

public sealed class OptionsAndRegistryTests
{
    const string SecretLookingConnection = "AccountName=a;AccountKey=c2VjcmV0LWtleQ==";

    [Theory]
    [InlineData("ab", "TaskHubName")]
    [InlineData("1hub", "TaskHubName")]
    [InlineData("hub-with-dash", "TaskHubName")]
    public void Invalid_task_hub_names_are_rejected(string name, string expected)
    {
        ValidateOptionsResult result = new DtfxHostOptionsValidator().Validate(null, new DtfxHostOptions { ConnectionString = SecretLookingConnection, TaskHubName = name });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_connection_and_bad_limits_are_rejected_without_echoing_the_connection_string()
    {
        ValidateOptionsResult missing = new DtfxHostOptionsValidator().Validate(null, new DtfxHostOptions { TaskHubName = "hub1" });
        ValidateOptionsResult limits = new DtfxHostOptionsValidator().Validate(
            null, new DtfxHostOptions { ConnectionString = SecretLookingConnection, TaskHubName = "hub1", PartitionCount = 17, MaxConcurrentEntities = 0 });

        Assert.Contains("ConnectionString is required", missing.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("PartitionCount", limits.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("concurrency", limits.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", limits.FailureMessage, StringComparison.Ordinal);
        Assert.Throws<OptionsValidationException>(() => new DtfxHost(new DtfxHostOptions { TaskHubName = "hub1" }, new DtfxTaskRegistry(), EmptyServices.Instance));
    }

    [Theory]
    [InlineData(0, 32, "MaxEntityOperationBatchSize")]
    [InlineData(null, 0, "ControlQueueBatchSize")]
    [InlineData(null, 33, "ControlQueueBatchSize")]
    public void Batch_sizes_outside_what_the_provider_takes_are_rejected(int? operations, int messages, string named)
    {
        ValidateOptionsResult result = new DtfxHostOptionsValidator().Validate(
            null, new DtfxHostOptions { ConnectionString = SecretLookingConnection, TaskHubName = "hub1", MaxEntityOperationBatchSize = operations, ControlQueueBatchSize = messages });

        Assert.Contains(named, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_sizes_reach_the_provider()
    {
        var settings = ServiceSettingsFactory.Create(
            new DtfxHostOptions { ConnectionString = "UseDevelopmentStorage=true", TaskHubName = "hub1", MaxEntityOperationBatchSize = 7, ControlQueueBatchSize = 9 },
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        Assert.Equal((7, 9), (settings.MaxEntityOperationBatchSize, settings.ControlQueueBatchSize));
    }

    [Fact]
    public void Valid_options_pass_with_defaults_for_local_runs()
    {
        var options = new DtfxHostOptions { ConnectionString = SecretLookingConnection, TaskHubName = "CfSyncHub1" };

        Assert.True(new DtfxHostOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.MaxQueuePollingInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.ClientPollingInterval);
    }

    [Fact]
    public void Entity_names_are_lower_cased_and_duplicates_refused()
    {
        var registry = new DtfxTaskRegistry().AddEntity<CounterEntity>().AddOrchestrator<GreetOrchestrator>("Custom");

        Assert.Contains(registry.Registrations, r => r is { Kind: TaskKind.Entity, Name: "counterentity" });
        Assert.Contains(registry.Registrations, r => r is { Kind: TaskKind.Orchestrator, Name: "Custom" });
        Assert.Throws<InvalidOperationException>(() => registry.AddEntity<CounterEntity>("COUNTERENTITY"));
    }

    [Fact]
    public void Tasks_listed_as_data_register_by_kind_and_a_class_of_another_kind_is_refused()
    {
        var registry = new DtfxTaskRegistry().Add(TaskKind.Activity, typeof(DoubleActivity), "Double");

        Assert.Contains(registry.Registrations, r => r is { Kind: TaskKind.Activity, Name: "Double" } && r.Type == typeof(DoubleActivity));
        var refused = Assert.Throws<ArgumentException>(() => registry.Add(TaskKind.Entity, typeof(GreetOrchestrator)));
        Assert.Contains(nameof(GreetOrchestrator), refused.Message, StringComparison.Ordinal);
    }

    sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
