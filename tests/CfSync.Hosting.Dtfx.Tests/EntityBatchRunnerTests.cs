using DurableTask.Core.Entities;
using DurableTask.Core.Entities.OperationFormat;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Entities;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging.Abstractions;

namespace CfSync.Hosting.Dtfx.Tests;

/// <summary>The entity batch runner on hand-built DTFx batches, against the SDK shim it replaces.</summary>
public sealed class EntityBatchRunnerTests
{
    static readonly EntityInstanceId Id = new("ledgerentity", "k");

    [Fact]
    public async Task A_batch_of_many_operations_writes_the_state_once()
    {
        var converter = new CountingConverter();
        EntityBatchResult result = await RunAsync(converter, null, [.. Enumerable.Range(1, 100).Select(i => Op(nameof(LedgerEntity.Add), i))]);

        Assert.Equal(1, converter.StateWrites);
        Assert.Equal(Enumerable.Range(1, 100), Read(result).Items);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), result.Results!.Select(r => r.Result));
        Assert.Equal(100, result.Actions!.Count);
    }

    [Fact]
    public async Task A_failing_operation_in_the_middle_leaves_no_changes_and_the_others_apply_with_their_signals()
    {
        var converter = new CountingConverter();
        EntityBatchResult result = await RunAsync(
            converter,
            State(0),
            [Op(nameof(LedgerEntity.Add), 1), Op(nameof(LedgerEntity.AddThenFail), 2), Op(nameof(LedgerEntity.Add), 3)]);

        Assert.Equal([0, 1, 3], Read(result).Items);
        Assert.Equal([false, true, false], result.Results!.Select(r => r.IsError));
        Assert.Equal(typeof(InvalidOperationException).FullName, result.Results![1].FailureDetails!.ErrorType);
        Assert.Equal("item 2 refused", result.Results[1].FailureDetails!.ErrorMessage);
        Assert.Equal(["1", "3"], result.Actions!.Cast<SendSignalOperationAction>().Select(a => a.Input));
        Assert.Equal("2", result.Results[0].Result);
        Assert.Equal("3", result.Results[2].Result);
    }

    [Fact]
    public async Task Failures_first_last_and_in_a_row_each_roll_back_only_themselves()
    {
        EntityBatchResult result = await RunAsync(
            new CountingConverter(),
            null,
            [
                Op(nameof(LedgerEntity.AddThenFail), 1), Op(nameof(LedgerEntity.Add), 2), Op(nameof(LedgerEntity.AddThenFail), 3),
                Op(nameof(LedgerEntity.AddThenFail), 4), Op(nameof(LedgerEntity.Add), 5), Op(nameof(LedgerEntity.AddThenFail), 6),
            ]);

        Assert.Equal([2, 5], Read(result).Items);
        Assert.Equal([true, false, true, true, false, true], result.Results!.Select(r => r.IsError));
        Assert.Equal(["2", "5"], result.Actions!.Cast<SendSignalOperationAction>().Select(a => a.Input));
    }

    [Fact]
    public async Task Deleting_the_state_stores_none_and_a_later_operation_starts_afresh()
    {
        EntityBatchResult deleted = await RunAsync(new CountingConverter(), State(7), [Op(nameof(LedgerEntity.Add), 1), Op(nameof(LedgerEntity.Delete))]);
        EntityBatchResult recreated = await RunAsync(new CountingConverter(), State(7), [Op(nameof(LedgerEntity.Delete)), Op(nameof(LedgerEntity.Add), 5)]);
        EntityBatchResult failedAfterDelete = await RunAsync(
            new CountingConverter(), State(7), [Op(nameof(LedgerEntity.Delete)), Op(nameof(LedgerEntity.AddThenFail), 5)]);

        Assert.Null(deleted.EntityState);
        Assert.Equal([5], Read(recreated).Items);
        Assert.Null(failedAfterDelete.EntityState);
    }

    [Fact]
    public async Task A_scheduled_signal_carries_its_time_and_target()
    {
        var at = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));
        EntityBatchResult result = await RunAsync(new CountingConverter(), null, [Op(nameof(LedgerEntity.Remind), at)]);

        SendSignalOperationAction signal = Assert.IsType<SendSignalOperationAction>(Assert.Single(result.Actions!));
        Assert.Equal(at.UtcDateTime, signal.ScheduledTime);
        Assert.Equal(DateTimeKind.Utc, signal.ScheduledTime!.Value.Kind);
        Assert.Equal(Id.ToString(), signal.InstanceId);
        Assert.Equal(nameof(LedgerEntity.Add), signal.Name);
    }

    [Fact]
    public async Task An_operation_the_entity_does_not_have_fails_alone()
    {
        EntityBatchResult result = await RunAsync(new CountingConverter(), null, [Op("NoSuchOperation"), Op(nameof(LedgerEntity.Add), 1)]);

        Assert.Equal(typeof(NotSupportedException).FullName, result.Results![0].FailureDetails!.ErrorType);
        Assert.Equal([1], Read(result).Items);
    }

    [Fact]
    public async Task Results_actions_and_state_are_those_of_the_sdk_shim()
    {
        OperationRequest[] batch =
        [
            Op(nameof(LedgerEntity.Add), 1), Op(nameof(LedgerEntity.AddLater), 2), Op(nameof(LedgerEntity.AddThenFail), 3),
            Op(nameof(LedgerEntity.Remind), new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)), Op(nameof(LedgerEntity.Start), "job-1"),
            Op("NoSuchOperation"), Op(nameof(LedgerEntity.Delete)), Op(nameof(LedgerEntity.AddThenFail), 4), Op(nameof(LedgerEntity.Add), 5),
        ];
        DataConverter converter = JsonDataConverter.Default;
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { EnableEntitySupport = true, DataConverter = converter }, NullLoggerFactory.Instance);
        EntityBatchResult expected = await shims.CreateEntity(new TaskName(Id.Name), new LedgerEntity(), new EntityId(Id.Name, Id.Key))
            .ExecuteOperationBatchAsync(Batch(State(0), batch));

        EntityBatchResult actual = await new EntityBatchRunner(new LedgerEntity(), Id, converter, NullLogger.Instance).RunAsync(Batch(State(0), batch));

        Assert.Equal(expected.EntityState, actual.EntityState);
        Assert.Equal(Describe(expected.Results!), Describe(actual.Results!));
        Assert.Equal(Describe(expected.Actions!), Describe(actual.Actions!));
        Assert.Null(actual.FailureDetails);
    }

    static Task<EntityBatchResult> RunAsync(DataConverter converter, string? state, OperationRequest[] operations) =>
        new EntityBatchRunner(new LedgerEntity(), Id, converter, NullLogger.Instance).RunAsync(Batch(state, operations));

    static EntityBatchRequest Batch(string? state, OperationRequest[] operations) =>
        new() { InstanceId = Id.ToString(), EntityState = state, Operations = [.. operations] };

    static OperationRequest Op(string name, object? input = null) =>
        new() { Operation = name, Id = Guid.NewGuid(), Input = JsonDataConverter.Default.Serialize(input) };

    static string State(params int[] items) => JsonDataConverter.Default.Serialize(new LedgerState { Items = [.. items] })!;

    static LedgerState Read(EntityBatchResult result) => JsonDataConverter.Default.Deserialize<LedgerState>(result.EntityState)!;

    static string[] Describe(IEnumerable<OperationResult> results) =>
        [.. results.Select(r => $"{r.Result}|{r.IsError}|{r.FailureDetails?.ErrorType}|{r.FailureDetails?.ErrorMessage}")];

    static string[] Describe(IEnumerable<OperationAction> actions) =>
        [.. actions.Select(a => a switch
        {
            SendSignalOperationAction s => $"signal {s.InstanceId} {s.Name} {s.Input} {s.ScheduledTime:O}",
            StartNewOrchestrationOperationAction o => $"start {o.InstanceId} {o.Name} '{o.Version}' {o.Input} {o.ScheduledStartTime:O}",
            _ => a.GetType().Name,
        })];
}
