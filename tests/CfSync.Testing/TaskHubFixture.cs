using CfSync.Hosting.Dtfx;
using Xunit;

namespace CfSync.Testing;

/// <summary>
/// One task hub per test class (use as IClassFixture): a unique name on the Azurite of this run, deleted at teardown
/// so runs leave no queues or tables behind.
/// </summary>
public sealed class TaskHubFixture : IAsyncLifetime
{
    public TaskHubFixture() => this.TaskHubName = TaskHubNames.Unique("cfsync");

    public string TaskHubName { get; }

    /// <summary>Options for a host on this hub, tuned for tests (fast polling, two partitions).</summary>
    public DtfxHostOptions CreateOptions(Action<DtfxHostOptions>? configure = null)
    {
        var options = new DtfxHostOptions
        {
            ConnectionString = Azurite.ConnectionString,
            TaskHubName = this.TaskHubName,
            PartitionCount = 2,
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
        };
        configure?.Invoke(options);
        return options;
    }

    public Task InitializeAsync()
    {
        // Fail here, with the clear message, rather than deep inside the first host.
        _ = Azurite.ConnectionString;
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => DtfxTaskHub.DeleteAsync(this.CreateOptions());
}
