using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Xunit.Abstractions;

namespace CfSync.Hosting.Dtfx.Tests;

public sealed class OrchestrationTests(SharedHostFixture fixture, ITestOutputHelper output) : IClassFixture<SharedHostFixture>
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    DurableTaskClient Client => fixture.Running.Client;

    [Fact]
    public async Task Orchestration_calls_an_activity_and_returns_its_output()
    {
        using var cts = new CancellationTokenSource(Timeout);
        string id = await this.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetOrchestrator), "Ada", new StartOrchestrationOptions($"greet-{Guid.NewGuid():N}"));

        OrchestrationMetadata done = await this.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(nameof(GreetOrchestrator), done.Name);
        Assert.Equal("Ada", done.ReadInputAs<string>());
        Assert.Equal("Hello, Ada!", done.ReadOutputAs<string>());
        Assert.Equal("\"Hello, Ada!\"", done.SerializedOutput);
    }

    [Fact]
    public async Task Round_trip_of_an_orchestration_with_one_activity_is_measured()
    {
        using var cts = new CancellationTokenSource(Timeout);
        await this.RunGreetingAsync("warm-up", cts.Token);
        var times = new List<double>();
        for (int i = 0; i < 10; i++)
        {
            var watch = Stopwatch.StartNew();
            Assert.Equal($"Hello, n{i}!", await this.RunGreetingAsync($"n{i}", cts.Token));
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        output.WriteLine($"MEASURE orchestration+activity round trip (schedule -> completed seen by 100 ms polling), 10 sequential: median {times[5]:F0} ms, min {times[0]:F0} ms, max {times[^1]:F0} ms");
        Assert.True(times[5] < 5000, $"median round trip {times[5]:F0} ms");
    }

    [Fact]
    public async Task Raised_event_completes_a_waiting_orchestration_and_custom_status_is_visible()
    {
        using var cts = new CancellationTokenSource(Timeout);
        string id = await this.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator), "deploy");
        await CfSync.Testing.Eventually.AssertAsync(
            async () =>
            {
                OrchestrationMetadata? running = await this.Client.GetInstanceAsync(id, getInputsAndOutputs: true, cts.Token);
                Assert.NotNull(running);
                Assert.Equal(OrchestrationRuntimeStatus.Running, running.RuntimeStatus);
                Assert.Equal("waiting for deploy", running.ReadCustomStatusAs<string>());
            },
            Timeout);

        await this.Client.RaiseEventAsync(id, "approval", "yes", cts.Token);
        OrchestrationMetadata done = await this.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("deploy: yes", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Terminated_orchestration_reports_terminated_with_the_given_output()
    {
        using var cts = new CancellationTokenSource(Timeout);
        string id = await this.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator), "never");
        await this.Client.WaitForInstanceStartAsync(id, cts.Token);

        await this.Client.TerminateInstanceAsync(id, "stopped by test", cts.Token);
        OrchestrationMetadata done = await this.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("stopped by test", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Purged_instance_is_gone()
    {
        using var cts = new CancellationTokenSource(Timeout);
        string id = await this.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetOrchestrator), "purge");
        await this.Client.WaitForInstanceCompletionAsync(id, cts.Token);

        PurgeResult purged = await this.Client.PurgeInstanceAsync(id, cts.Token);

        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await this.Client.GetInstanceAsync(id, cts.Token));
    }

    [Fact]
    public async Task Unknown_instance_is_null_and_recursive_terminate_is_refused()
    {
        Assert.Null(await this.Client.GetInstanceAsync($"missing-{Guid.NewGuid():N}"));
        NotSupportedException refused = await Assert.ThrowsAsync<NotSupportedException>(
            () => this.Client.TerminateInstanceAsync("any", new TerminateInstanceOptions(Recursive: true)));
        Assert.Contains("Recursive termination", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_without_a_DTFx_counterpart_throw_NotSupportedException()
    {
        await Assert.ThrowsAsync<NotSupportedException>(() => this.Client.PurgeInstanceAsync("any", new PurgeInstanceOptions(Recursive: true)));
        await Assert.ThrowsAsync<NotSupportedException>(() => this.Client.RewindInstanceAsync("any", "reason"));
        await Assert.ThrowsAsync<NotSupportedException>(() => this.Client.GetOrchestrationHistoryAsync("any"));
        await Assert.ThrowsAsync<NotSupportedException>(() => this.Client.ListInstanceIdsAsync());
    }

    async Task<string?> RunGreetingAsync(string name, CancellationToken cancellation)
    {
        string id = await this.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetOrchestrator), name, cancellation);
        OrchestrationMetadata done = await this.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancellation);
        return done.ReadOutputAs<string>();
    }
}
