using CfSync.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CfSync.Hosting.Dtfx.Tests;

/// <summary>The wiring an app uses: the host as an IHostedService and its client as the app's DurableTaskClient.</summary>
public sealed class ServiceCollectionTests(TaskHubFixture hub) : IClassFixture<TaskHubFixture>
{
    [Fact]
    public async Task AddDtfxHost_runs_the_registered_classes_behind_a_plain_DurableTaskClient()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        DtfxHostOptions template = hub.CreateOptions();
        await using ServiceProvider services = new ServiceCollection()
            .AddSingleton(new Greeting("Hi"))
            .AddSingleton(new GateControl("unused", Task.CompletedTask))
            .AddDtfxHost(
                options => (options.ConnectionString, options.TaskHubName, options.PartitionCount) =
                    (template.ConnectionString, template.TaskHubName, template.PartitionCount),
                TestTasks.Register)
            .BuildServiceProvider();
        IHostedService hosted = Assert.Single(services.GetServices<IHostedService>());
        await hosted.StartAsync(cts.Token);

        // Code written against the abstract client, as a Functions [DurableClient] parameter would be.
        DurableTaskClient client = services.GetRequiredService<DurableTaskClient>();
        string id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetOrchestrator), "Lin", cts.Token);
        OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
        await hosted.StopAsync(cts.Token);

        Assert.IsType<DtfxDurableTaskClient>(client);
        Assert.Equal("Hi, Lin!", done.ReadOutputAs<string>());
    }
}
