using CfSync.Testing;
using Microsoft.DurableTask.Client;
using Xunit.Abstractions;

namespace CfSync.Hosting.Dtfx.Tests;

public sealed class CrashRecoveryTests(TaskHubFixture hub, ITestOutputHelper output) : IClassFixture<TaskHubFixture>
{
    [Fact]
    public async Task Orchestration_interrupted_by_an_abrupt_stop_is_finished_by_a_new_host()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        var neverReleased = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstGate = new GateControl("first", neverReleased.Task);
        var secondGate = new GateControl("second", Task.CompletedTask);

        // A short visibility timeout so the dead worker's in-flight activity is redelivered quickly.
        await using RunningHost first = await RunningHost.StartAsync(
            hub.CreateOptions(o => (o.WorkerId, o.WorkItemQueueVisibilityTimeout) = ("first", TimeSpan.FromSeconds(4))), firstGate);
        string id = await first.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GatedOrchestrator), "Grace", cts.Token);
        await firstGate.Entered.Task.WaitAsync(cts.Token);

        await first.Host.StopAbruptlyAsync();
        var crashedAt = DateTimeOffset.UtcNow;
        try
        {
            await using RunningHost second = await RunningHost.StartAsync(hub.CreateOptions(o => o.WorkerId = "second"), secondGate);
            OrchestrationMetadata done = await second.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);

            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.Equal("Hello, Grace! via second", done.ReadOutputAs<string>());
            Assert.Equal(1, firstGate.Calls);
            Assert.Equal(1, secondGate.Calls);
            output.WriteLine($"MEASURE recovery after abrupt stop: {(DateTimeOffset.UtcNow - crashedAt).TotalSeconds:F1} s (visibility timeout 4 s)");
        }
        finally
        {
            // Let the dead worker's stuck activity return; its completion is cut off and must change nothing.
            neverReleased.SetResult();
        }

        OrchestrationMetadata? after = await first.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal("Hello, Grace! via second", after!.ReadOutputAs<string>());
    }
}
