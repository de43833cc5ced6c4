using CfSync.Testing;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Logging;

namespace CfSync.Hosting.Dtfx.Tests;

/// <summary>
/// A work item held past the control queue's visibility timeout (as under overload): the queue hands its messages out
/// again while it runs, so deleting them when it completes fails. The work item must complete, not fail and be retried.
/// </summary>
public sealed class RedeliveryTests(TaskHubFixture hub) : IClassFixture<TaskHubFixture>
{
    [Fact]
    public async Task A_work_item_whose_messages_were_handed_out_again_while_it_ran_completes_without_failing()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var logs = new CapturedLogs();
        using var loggerFactory = logs.Factory();
        await using var running = await RunningHost.StartAsync(
            hub.CreateOptions(o => o.ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(1)), loggerFactory: loggerFactory);
        var counter = new EntityInstanceId(nameof(CounterEntity), "held");

        // 4 s against a 1 s visibility: the signal is dequeued again (and again) while its operation runs.
        await running.Client.Entities.SignalEntityAsync(counter, nameof(CounterEntity.AddSlowlyOnce), 4000, cancellation: cts.Token);
        CounterState state;
        while (true)
        {
            var entity = await running.Client.Entities.GetEntityAsync<CounterState>(counter, includeState: true, cts.Token);
            state = entity?.State ?? new CounterState();
            if (state.Count >= 1 && logs.Entries.Any(e => e.Event.Id == 10 && e.Message.Contains(counter.ToString(), StringComparison.Ordinal)))
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cts.Token);
        }

        // The operation ran and was checkpointed (a redelivered copy may run it again: at least once), and the work item
        // did not fail: the provider logs its failed delete, but the dispatcher neither reports a failed work item nor
        // abandons its messages to run it again.
        Assert.All(state.Seen, item => Assert.Equal(4000, item));
        Assert.DoesNotContain(logs.Entries, e => e.Category.StartsWith("DurableTask.Core", StringComparison.Ordinal) && e.Level >= LogLevel.Error);
        Assert.DoesNotContain(logs.Entries, e => e.Event.Name == "AbandoningMessage");
    }
}
