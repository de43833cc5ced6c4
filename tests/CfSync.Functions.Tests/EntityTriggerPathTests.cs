using System.Text.Json;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Core.Tunnels;
using CfSync.Sync;
using CfSync.Sync.Entities;
using Google.Protobuf;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.DependencyInjection;
using P = Microsoft.DurableTask.Protobuf;

namespace CfSync.Functions.Tests;

/// <summary>
/// The entity as the Functions host runs it: a protobuf entity batch through the isolated worker's gRPC entity runner
/// (what [EntityTrigger] dispatches to), with the engine's DI. Checks the operations, the state and the actions the host
/// would carry out (the debounce's scheduled self-signals).
/// </summary>
public sealed class EntityTriggerPathTests
{
    private const string Key = "TunnelConfiguration:6ff42ae2-765d-4adf-8112-31c55c1551ef";

    [Fact]
    public async Task A_registration_batch_updates_state_and_schedules_the_debounce()
    {
        var services = new ServiceCollection().AddLogging().AddCfSyncEngine().BuildServiceProvider();
        var registration = new IngressRulesRegistration(
            new Source("Ingress", "shop", "shop"), new SourceVersion("uid", 7), [new IngressRule("shop.example.com", null, "http://web.shop.svc:80")]);
        var warp = new WarpRoutingUpdate(new Source("ClusterTunnel", null, "edge"), new SourceVersion("t", 3), true) { Scope = new ResourceScope("acct") };
        var request = new P.EntityBatchRequest { InstanceId = $"@{ResourceEntityKey.EntityName}@{Key}" };
        request.Operations.Add(Operation(nameof(CloudflareResourceEntity.RegisterIngressRules), registration));
        request.Operations.Add(Operation(nameof(CloudflareResourceEntity.SetWarpRouting), warp));
        request.Operations.Add(Operation(nameof(CloudflareResourceEntity.RegisterIngressRules), registration)); // a duplicate delivery

        var encoded = await GrpcEntityRunner.LoadAndRunAsync(
            Convert.ToBase64String(request.ToByteArray()), ActivatorUtilities.CreateInstance<CloudflareResourceEntity>(services), services);
        var result = P.EntityBatchResult.Parser.ParseFrom(Convert.FromBase64String(encoded));

        Assert.All(result.Results, r => Assert.Equal(P.OperationResult.ResultTypeOneofCase.Success, r.ResultTypeCase));
        var state = JsonSerializer.Deserialize<ResourceSyncState>(result.EntityState)!;
        Assert.Equal(["ClusterTunnel/edge", "Ingress/shop/shop"], state.Sources.Keys);
        Assert.Equal(2, state.Debounce.Generation); // the duplicate changed nothing
        var signals = result.Actions.Where(a => a.OperationActionTypeCase == P.OperationAction.OperationActionTypeOneofCase.SendSignal).Select(a => a.SendSignal).ToList();
        Assert.Equal(2, signals.Count);
        Assert.All(signals, s => Assert.Equal(nameof(CloudflareResourceEntity.Flush), s.Name));
        Assert.All(signals, s => Assert.NotNull(s.ScheduledTime));
    }

    private static P.OperationRequest Operation(string name, object input) => new()
    {
        Operation = name,
        RequestId = Guid.NewGuid().ToString(),
        Input = JsonSerializer.Serialize(input),
    };
}
