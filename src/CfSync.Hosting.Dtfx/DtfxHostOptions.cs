using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace CfSync.Hosting.Dtfx;

/// <summary>Settings of the local Durable Task host: where the task hub lives and how fast it polls.</summary>
public sealed class DtfxHostOptions
{
    /// <summary>Azure Storage (or Azurite) connection string. Contains an account key: never logged.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Task hub name: 3-45 letters and digits, starting with a letter (it prefixes queues and tables).</summary>
    public string TaskHubName { get; set; } = "";

    /// <summary>Upper bound of the provider's queue back-off; its own default (30 s) makes idle hubs react slowly.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Control-queue partitions (1-16). Fixed for the life of a task hub.</summary>
    public int PartitionCount { get; set; } = 4;

    public int MaxConcurrentActivities { get; set; } = 10;

    public int MaxConcurrentOrchestrations { get; set; } = 100;

    public int MaxConcurrentEntities { get; set; } = 100;

    /// <summary>
    /// Most operations one entity runs in one batch; null sets no limit. A batch's state is written once, so bigger
    /// batches cost fewer writes; a limit keeps a batch's time bounded where the host caps it (host.json: 50).
    /// </summary>
    public int? MaxEntityOperationBatchSize { get; set; }

    /// <summary>Messages taken from a control queue per read (1-32, Azure Storage's maximum and the provider's default).</summary>
    public int ControlQueueBatchSize { get; set; } = 32;

    /// <summary>Messages a partition buffers ahead; more lets a busy entity take bigger operation batches.</summary>
    public int ControlQueueBufferThreshold { get; set; } = 256;

    /// <summary>
    /// How long a dequeued activity stays invisible; a crashed worker's activity reappears after it. A running activity's
    /// message is renewed by the worker, so this bounds only the recovery after a crash, not an activity's length.
    /// </summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long dequeued control-queue messages (orchestration and entity work) stay invisible; a crashed worker's
    /// messages reappear after it, on the worker that owns the partition next. The provider's default is 5 minutes.
    /// </summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Identifies this worker in partition leases; null uses the machine name.</summary>
    public string? WorkerId { get; set; }

    /// <summary>Interval at which <see cref="DtfxDurableTaskClient"/> polls instance state while waiting.</summary>
    public TimeSpan ClientPollingInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Serializer shared by the worker shims and the client, so both read what the other wrote.</summary>
    public DataConverter DataConverter { get; set; } = JsonDataConverter.Default;
}
