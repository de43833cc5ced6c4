using System.Diagnostics;
using CfSync.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Entities;
using Microsoft.DurableTask.Entities;
using Xunit.Abstractions;

namespace CfSync.Hosting.Dtfx.Tests;

public sealed class EntityTests(SharedHostFixture fixture, ITestOutputHelper output) : IClassFixture<SharedHostFixture>
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    DurableEntityClient Entities => fixture.Running.Client.Entities;

    [Fact]
    public async Task Signals_change_state_readable_typed_and_raw()
    {
        var id = new EntityInstanceId(nameof(CounterEntity), $"c-{Guid.NewGuid():N}");
        Assert.Null(await this.Entities.GetEntityAsync(id));

        await this.Entities.SignalEntityAsync(id, nameof(CounterEntity.Add), 7);
        await this.Entities.SignalEntityAsync(id, nameof(CounterEntity.Add), 8);

        await Eventually.AssertAsync(
            async () =>
            {
                EntityMetadata<CounterState>? typed = await this.Entities.GetEntityAsync<CounterState>(id);
                Assert.NotNull(typed);
                Assert.Equal(2, typed.State.Count);
                Assert.Equal([7, 8], typed.State.Seen.Order());
            },
            Timeout);
        EntityMetadata? raw = await this.Entities.GetEntityAsync(id);
        Assert.NotNull(raw);
        Assert.Equal("counterentity", raw.Id.Name);
        Assert.Contains("\"Count\":2", raw.State.Value, StringComparison.Ordinal);
        Assert.Equal(2, raw.State.ReadAs<CounterState>().Count);
    }

    [Fact]
    public async Task Two_hundred_concurrent_signals_to_one_entity_apply_exactly_once()
    {
        const int Signals = 200;
        var id = new EntityInstanceId(nameof(CounterEntity), $"burst-{Guid.NewGuid():N}");
        var watch = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, Signals).Select(n => this.Entities.SignalEntityAsync(id, nameof(CounterEntity.Add), n)));
        double sentMs = watch.Elapsed.TotalMilliseconds;
        CounterState? state = null;
        await Eventually.TrueAsync(
            async () => (state = (await this.Entities.GetEntityAsync<CounterState>(id))?.State) is { Count: >= Signals },
            Timeout,
            $"{Signals} signals applied",
            TimeSpan.FromMilliseconds(50));
        double appliedMs = watch.Elapsed.TotalMilliseconds;

        // Let any duplicate delivery land before judging "exactly once".
        await Task.Delay(1000);
        state = (await this.Entities.GetEntityAsync<CounterState>(id))!.State;
        Assert.Equal(Signals, state.Count);
        Assert.Equal(Enumerable.Range(0, Signals), state.Seen.Order());
        output.WriteLine($"MEASURE {Signals} concurrent client signals to one entity: sent in {sentMs:F0} ms, all applied after {appliedMs:F0} ms => {Signals / (appliedMs / 1000):F0} signals/s end to end");
    }

    [Fact]
    public async Task Scheduled_self_signal_arrives_after_its_delay()
    {
        const int DelayMs = 1500;
        var id = new EntityInstanceId(nameof(AlarmEntity), $"a-{Guid.NewGuid():N}");

        await this.Entities.SignalEntityAsync(id, nameof(AlarmEntity.Arm), DelayMs);

        AlarmState? state = null;
        await Eventually.TrueAsync(
            async () => (state = (await this.Entities.GetEntityAsync<AlarmState>(id))?.State) is { FiredAt: not null },
            Timeout,
            "the scheduled Fire signal");
        Assert.Equal(1, state!.Fires);
        TimeSpan waited = state.FiredAt!.Value - state.ArmedAt;

        // Scheduled signals may fire up to ~100 ms early by design (PLATFORM-NOTES); 200 ms leaves margin for clock reads.
        Assert.True(waited >= TimeSpan.FromMilliseconds(DelayMs - 200), $"fired after {waited.TotalMilliseconds:F0} ms");
        output.WriteLine($"MEASURE scheduled self-signal of {DelayMs} ms fired after {waited.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task Entity_starts_an_orchestration_that_signals_the_result_back()
    {
        var id = new EntityInstanceId(nameof(JobEntity), $"j-{Guid.NewGuid():N}");

        await this.Entities.SignalEntityAsync(id, nameof(JobEntity.Start), 21);

        JobState? state = null;
        await Eventually.TrueAsync(
            async () => (state = (await this.Entities.GetEntityAsync<JobState>(id))?.State) is { Result: not null },
            Timeout,
            "the orchestration's Done signal");
        Assert.Equal(42, state!.Result);
        Assert.NotNull(state.InstanceId);
        OrchestrationMetadata? started = await fixture.Running.Client.GetInstanceAsync(state.InstanceId, getInputsAndOutputs: true);
        Assert.NotNull(started);
        Assert.Equal(nameof(DoubleAndReportOrchestrator), started.Name);
        Assert.Equal(42, (await fixture.Running.Client.WaitForInstanceCompletionAsync(state.InstanceId, getInputsAndOutputs: true)).ReadOutputAs<int>());
    }

    [Fact]
    public async Task Entities_are_listed_with_their_state()
    {
        string prefix = $"list-{Guid.NewGuid():N}";
        var ids = Enumerable.Range(0, 3).Select(n => new EntityInstanceId(nameof(CounterEntity), $"{prefix}-{n}")).ToList();
        foreach (EntityInstanceId id in ids)
        {
            await this.Entities.SignalEntityAsync(id, nameof(CounterEntity.Add), 1);
        }

        await Eventually.AssertAsync(
            async () =>
            {
                List<EntityMetadata<CounterState>> listed = [];
                await foreach (EntityMetadata<CounterState> entity in this.Entities.GetAllEntitiesAsync<CounterState>(
                    new EntityQuery { InstanceIdStartsWith = $"@counterentity@{prefix}", PageSize = 2 }))
                {
                    listed.Add(entity);
                }

                Assert.Equal(ids.Select(id => id.Key).Order(), listed.Select(entity => entity.Id.Key).Order());
                Assert.All(listed, entity => Assert.Equal(1, entity.State.Count));
            },
            Timeout);
    }
}
