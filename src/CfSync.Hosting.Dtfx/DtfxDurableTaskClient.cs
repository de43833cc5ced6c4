using DurableTask.Core;
using DurableTask.Core.Entities;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Entities;
using CoreOrchestrationQuery = DurableTask.Core.Query.OrchestrationQuery;
using CorePurgeResult = DurableTask.Core.PurgeResult;
using CoreStatus = DurableTask.Core.OrchestrationStatus;
using OrchestrationQuery = Microsoft.DurableTask.Client.OrchestrationQuery;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace CfSync.Hosting.Dtfx;

/// <summary>
/// A <see cref="DurableTaskClient"/> over a DTFx <see cref="IOrchestrationServiceClient"/>, so code written for the
/// Functions <c>[DurableClient]</c> runs unchanged on the local host. Payloads go through the same
/// <see cref="DataConverter"/> the worker shims use.
/// </summary>
public sealed class DtfxDurableTaskClient : DurableTaskClient
{
    readonly IOrchestrationServiceClient service;
    readonly DataConverter converter;
    readonly TimeSpan pollingInterval;
    readonly DtfxDurableEntityClient? entities;

    public DtfxDurableTaskClient(string name, IOrchestrationServiceClient service, DataConverter converter, TimeSpan pollingInterval)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(converter);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollingInterval, TimeSpan.Zero);
        (this.service, this.converter, this.pollingInterval) = (service, converter, pollingInterval);
        if (service is IEntityOrchestrationService { EntityBackendQueries: { } queries, EntityBackendProperties: { } properties })
        {
            this.entities = new DtfxDurableEntityClient(name, service, queries, properties.MaximumSignalDelayTime, converter);
        }
    }

    public override DurableEntityClient Entities =>
        this.entities ?? throw new NotSupportedException("Entities are not supported: the orchestration service does not implement entity queries.");

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName.Name);
        cancellation.ThrowIfCancellationRequested();
        string instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        var instance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = Guid.NewGuid().ToString("N") };
        var started = new ExecutionStartedEvent(-1, this.converter.Serialize(input))
        {
            Name = orchestratorName.Name,
            Version = options?.Version?.Version ?? string.Empty,
            OrchestrationInstance = instance,
            ScheduledStartTime = options?.StartAt?.UtcDateTime,
            Tags = options?.Tags?.ToDictionary(tag => tag.Key, tag => tag.Value) ?? [],
        };
        CoreStatus[]? dedupe = options?.DedupeStatuses?.Select(ParseStatus).ToArray();
        await this.service.CreateTaskOrchestrationAsync(new TaskMessage { OrchestrationInstance = instance, Event = started }, dedupe).ConfigureAwait(false);
        return instanceId;
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        return this.SendAsync(instanceId, new EventRaisedEvent(-1, this.converter.Serialize(eventPayload)) { Name = eventName }, cancellation);
    }

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        this.SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason), cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        this.SendAsync(instanceId, new ExecutionResumedEvent(-1, reason), cancellation);

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (options?.Recursive == true)
        {
            throw new NotSupportedException("Recursive termination (of sub-orchestrations) is not supported by the DTFx client.");
        }

        cancellation.ThrowIfCancellationRequested();
        return this.service.ForceTerminateTaskOrchestrationAsync(instanceId, this.converter.Serialize(options?.Output));
    }

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        OrchestrationState? state = await this.ReadAsync(instanceId, cancellation).ConfigureAwait(false);
        return state is null ? null : this.ToMetadata(state, getInputsAndOutputs);
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        IOrchestrationServiceQueryClient queries = this.service as IOrchestrationServiceQueryClient
            ?? throw new NotSupportedException("Listing instances is not supported: the orchestration service has no query client.");
        return Pageable.Create(async (continuation, pageSize, cancellation) =>
        {
            var query = new CoreOrchestrationQuery
            {
                RuntimeStatus = filter?.Statuses?.Select(StatusMapping.ToCore).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                TaskHubNames = filter?.TaskHubNames?.ToList(),
                PageSize = pageSize ?? filter?.PageSize ?? OrchestrationQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
            };
            OrchestrationQueryResult result = await queries.GetOrchestrationWithQueryAsync(query, cancellation).ConfigureAwait(false);
            return new Page<OrchestrationMetadata>(
                [.. result.OrchestrationState.Select(state => this.ToMetadata(state, query.FetchInputsAndOutputs))], result.ContinuationToken);
        });
    }

    /// <summary>Polls every <c>ClientPollingInterval</c>: the provider's own wait polls every 2 s.</summary>
    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        await this.PollAsync(instanceId, getInputsAndOutputs, StatusMapping.IsTerminal, cancellation).ConfigureAwait(false);

    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        await this.PollAsync(instanceId, getInputsAndOutputs, status => status != CoreStatus.Pending, cancellation).ConfigureAwait(false);

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ThrowIfRecursive(options);
        cancellation.ThrowIfCancellationRequested();
        CorePurgeResult result = await this.PurgeClient.PurgeInstanceStateAsync(instanceId).ConfigureAwait(false);
        return new PurgeResult(result.DeletedInstanceCount, result.IsComplete);
    }

    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ThrowIfRecursive(options);
        cancellation.ThrowIfCancellationRequested();
        var coreFilter = new PurgeInstanceFilter(
            filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue,
            filter.CreatedTo?.UtcDateTime,
            filter.Statuses?.Select(StatusMapping.ToCore))
        {
            Timeout = filter.Timeout,
        };
        CorePurgeResult result = await this.PurgeClient.PurgeInstanceStateAsync(coreFilter).ConfigureAwait(false);
        return new PurgeResult(result.DeletedInstanceCount, result.IsComplete);
    }

    public override async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default)
    {
        OrchestrationMetadata current = await this.GetInstancesAsync(instanceId, getInputsAndOutputs: true, cancellation).ConfigureAwait(false)
            ?? throw new ArgumentException($"No orchestration instance '{instanceId}' exists.", nameof(instanceId));
        if (!restartWithNewInstanceId && !current.IsCompleted)
        {
            throw new InvalidOperationException($"Instance '{instanceId}' is {current.RuntimeStatus}; only terminal instances restart under the same id.");
        }

        string newId = restartWithNewInstanceId ? Guid.NewGuid().ToString("N") : instanceId;
        var instance = new OrchestrationInstance { InstanceId = newId, ExecutionId = Guid.NewGuid().ToString("N") };

        // The stored input is already serialized: reuse it rather than serializing it twice.
        var started = new ExecutionStartedEvent(-1, current.SerializedInput) { Name = current.Name, OrchestrationInstance = instance, Version = string.Empty };
        await this.service.CreateTaskOrchestrationAsync(new TaskMessage { OrchestrationInstance = instance, Event = started }, dedupeStatuses: null).ConfigureAwait(false);
        return newId;
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    IOrchestrationServicePurgeClient PurgeClient => this.service as IOrchestrationServicePurgeClient
        ?? throw new NotSupportedException("Purging is not supported: the orchestration service has no purge client.");

    async Task<OrchestrationMetadata> PollAsync(string instanceId, bool getInputsAndOutputs, Func<CoreStatus, bool> done, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        while (true)
        {
            // A missing instance may simply not be created yet (e.g. started by an entity), so keep polling.
            OrchestrationState? state = await this.ReadAsync(instanceId, cancellation).ConfigureAwait(false);
            if (state is not null && done(state.OrchestrationStatus))
            {
                return this.ToMetadata(state, getInputsAndOutputs);
            }

            await Task.Delay(this.pollingInterval, cancellation).ConfigureAwait(false);
        }
    }

    Task<OrchestrationState?> ReadAsync(string instanceId, CancellationToken cancellation) =>
        StateReadRetry.RunAsync(() => this.service.GetOrchestrationStateAsync(instanceId, executionId: null), StateReadRetry.Pause, cancellation);

    Task SendAsync(string instanceId, HistoryEvent historyEvent, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        return this.service.SendTaskOrchestrationMessageAsync(
            new TaskMessage { OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId }, Event = historyEvent });
    }

    OrchestrationMetadata ToMetadata(OrchestrationState state, bool getInputsAndOutputs) =>
        new(state.Name, state.OrchestrationInstance.InstanceId)
        {
            DataConverter = getInputsAndOutputs ? this.converter : null,
            RuntimeStatus = StatusMapping.ToSdk(state.OrchestrationStatus),
            CreatedAt = state.CreatedTime,
            LastUpdatedAt = state.LastUpdatedTime,
            SerializedInput = getInputsAndOutputs ? state.Input : null,
            SerializedOutput = getInputsAndOutputs ? state.Output : null,
            SerializedCustomStatus = getInputsAndOutputs ? state.Status : null,
            Tags = state.Tags is null ? new Dictionary<string, string>() : new Dictionary<string, string>(state.Tags),
            FailureDetails = StatusMapping.ToSdk(state.FailureDetails),
        };

    static CoreStatus ParseStatus(string status) =>
        Enum.TryParse(status, ignoreCase: true, out OrchestrationRuntimeStatus parsed)
            ? StatusMapping.ToCore(parsed)
            : throw new ArgumentException($"'{status}' is not an orchestration runtime status.", nameof(status));

    static void ThrowIfRecursive(PurgeInstanceOptions? options)
    {
        if (options?.Recursive == true)
        {
            throw new NotSupportedException("Recursive purge (of sub-orchestrations) is not supported by the DTFx client.");
        }
    }
}
