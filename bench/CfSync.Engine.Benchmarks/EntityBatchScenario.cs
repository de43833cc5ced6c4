using System.Diagnostics;
using CfSync.Core.Resources;
using CfSync.Hosting.Dtfx;
using CfSync.Sync;
using CfSync.Sync.Entities;
using DurableTask.Core.Entities;
using DurableTask.Core.Entities.OperationFormat;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Entities;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CfSync.Engine.Benchmarks;

/// <summary>
/// One entity batch in memory, no storage: a tunnel entity holding <c>sources</c> sources takes <c>operations</c>
/// registrations (updates of existing sources) through the SDK shim, which serializes the state after every operation,
/// and through <see cref="EntityBatchRunner"/>, which serializes it once.
/// </summary>
internal static class EntityBatchScenario
{
    private static readonly DataConverter Converter = JsonDataConverter.Default;

    public static async Task RunAsync(BenchmarkReport report, int sources, int operations, int rounds)
    {
        var id = new EntityInstanceId(ResourceEntityKey.EntityName,
            ResourceEntityKey.Format(new ResourceIdentity(ResourceType.TunnelConfiguration, Guid.NewGuid().ToString())));
        string? state = null;
        foreach (var chunk in Enumerable.Range(0, sources).Chunk(1_000))
        {
            state = (await Runner(id).RunAsync(Batch(id, state, chunk))).EntityState;
        }

        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { EnableEntitySupport = true, DataConverter = Converter }, NullLoggerFactory.Instance);
        var shim = new List<double>();
        var runner = new List<double>();
        var failed = 0;
        for (var round = 0; round < rounds; round++)
        {
            var updates = Enumerable.Range(0, operations).Select(i => i * (sources / operations)).ToArray();
            var clock = Stopwatch.StartNew();
            var byShim = await shims.CreateEntity(new TaskName(id.Name), Entity(), new EntityId(id.Name, id.Key)).ExecuteOperationBatchAsync(Batch(id, state, updates));
            shim.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            var byRunner = await Runner(id).RunAsync(Batch(id, state, updates));
            runner.Add(clock.Elapsed.TotalMilliseconds);
            failed += byShim.Results!.Count(r => r.IsError) + byRunner.Results!.Count(r => r.IsError);
        }

        shim.Sort();
        runner.Sort();
        double shimMs = BenchmarkReport.Percentile(shim, 50), runnerMs = BenchmarkReport.Percentile(runner, 50);
        report.Add($"entity batch: {operations} registrations on a {sources}-source tunnel state ({state!.Length / 1e6:F1} M characters), median of {rounds}: " +
                   $"SDK shim {shimMs:F0} ms ({shimMs / operations:F2} ms/operation), EntityBatchRunner {runnerMs:F0} ms ({runnerMs / operations:F2} ms/operation), " +
                   $"{shimMs / runnerMs:F0}x; failed operations {failed}");
    }

    private static EntityBatchRunner Runner(EntityInstanceId id) => new(Entity(), id, Converter, NullLogger.Instance);

    private static CloudflareResourceEntity Entity() =>
        new(Options.Create(new SyncOptions()), TimeProvider.System, NullLogger<CloudflareResourceEntity>.Instance);

    private static EntityBatchRequest Batch(EntityInstanceId id, string? state, IEnumerable<int> sources) => new()
    {
        InstanceId = id.ToString(),
        EntityState = state,
        Operations = [.. sources.Select(i => new OperationRequest
        {
            Operation = nameof(CloudflareResourceEntity.RegisterConfig),
            Id = Guid.NewGuid(),
            Input = Converter.Serialize(Scenarios.Registration(i)),
        })],
    };
}
