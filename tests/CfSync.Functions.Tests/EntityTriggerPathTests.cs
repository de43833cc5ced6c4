using System.Text.Json;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Core.Tunnels;
using CfSync.Sync;
using CfSync.Sync.Entities;
using CfSync.Sync.Sources;
using Google.Protobuf;
using Microsoft.DurableTask.Entities;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.DependencyInjection;
using P = Microsoft.DurableTask.Protobuf;

namespace CfSync.Functions.Tests;

/// <summary>
/// The entities as the Functions host runs them: a protobuf entity batch through the isolated worker's gRPC entity
/// runner (what [EntityTrigger] dispatches to), with the engine's DI. Checks the operations, the state and the actions
/// the host would carry out.
/// </summary>
public sealed class EntityTriggerPathTests
{
    private const string Key = "TunnelConfiguration:6ff42ae2-765d-4adf-8112-31c55c1551ef";

    private static readonly ServiceProvider Services = new ServiceCollection().AddLogging().AddCfSyncEngine(_ => { }).BuildServiceProvider();

    [Fact]
    public async Task A_registration_batch_updates_state_and_schedules_the_debounce()
    {
        var registration = new SourceRegistration(
            new Source("Ingress", "shop", "shop"), new SourceVersion("uid", 7), new IngressRulesFragment([new IngressRule("shop.example.com", null, "http://web.shop.svc:80")]));
        var settings = new SourceRegistration(new Source("ClusterTunnel", null, "edge"), new SourceVersion("t", 3), new TunnelSettingsFragment(true)) { Scope = new ResourceScope("acct") };
        var request = new P.EntityBatchRequest { InstanceId = $"@{ResourceEntityKey.EntityName}@{Key}" };
        request.Operations.Add(Operation(nameof(CloudflareResourceEntity.RegisterConfig), registration));
        request.Operations.Add(Operation(nameof(CloudflareResourceEntity.RegisterConfig), settings));
        request.Operations.Add(Operation(nameof(CloudflareResourceEntity.RegisterConfig), registration)); // a duplicate delivery

        var result = await RunAsync<CloudflareResourceEntity>(request);

        var state = JsonSerializer.Deserialize<ResourceSyncState>(result.EntityState)!;
        Assert.Equal(["ClusterTunnel/edge", "Ingress/shop/shop"], state.Sources.Keys);
        Assert.Equal(2, state.Debounce.Generation); // the duplicate changed nothing
        var signals = Signals(result);
        Assert.Equal(2, signals.Count);
        Assert.All(signals, s => Assert.Equal(nameof(CloudflareResourceEntity.Flush), s.Name));
        Assert.All(signals, s => Assert.NotNull(s.ScheduledTime));
    }

    [Fact]
    public async Task A_source_translation_signals_the_resource_entity_and_a_delete_unregisters_it()
    {
        var source = new Source("Ingress", "shop", "shop");
        var resource = new ResourceIdentity(ResourceType.TunnelConfiguration, "6ff42ae2-765d-4adf-8112-31c55c1551ef");
        var translation = new SourceTranslation(source, "uid-1", "41", [new SourceContribution(resource, new ResourceScope("acct"))
        {
            Fragment = new IngressRulesFragment([new IngressRule("shop.example.com", null, "http://web.shop.svc:80")]),
        }]);
        var request = new P.EntityBatchRequest { InstanceId = SourceClient.EntityOf(source).ToString() };
        request.Operations.Add(Operation(nameof(KubernetesSourceEntity.Apply), translation));
        request.Operations.Add(Operation(nameof(KubernetesSourceEntity.Apply), translation)); // a duplicate delivery
        request.Operations.Add(Operation(nameof(KubernetesSourceEntity.Delete), new SourceDeletion(source, "uid-1", "42")));

        var result = await RunAsync<KubernetesSourceEntity>(request);

        var state = JsonSerializer.Deserialize<SourceState>(result.EntityState)!;
        Assert.True(state.Deleted);
        Assert.Empty(state.Fed);
        var signals = Signals(result);
        Assert.Equal(
            [(ResourceSyncClientEntity(resource), nameof(CloudflareResourceEntity.RegisterConfig)), (ResourceSyncClientEntity(resource), nameof(CloudflareResourceEntity.UnregisterConfig)),
             (SourceClient.EntityOf(source).ToString(), nameof(KubernetesSourceEntity.Forget))],
            signals.Select(s => (s.InstanceId, s.Name)));
        Assert.Equal("uid-1", JsonSerializer.Deserialize<SourceRegistration>(signals[0].Input)!.Version.Uid);
    }

    private static string ResourceSyncClientEntity(ResourceIdentity resource) => CfSync.Sync.Client.ResourceSyncClient.EntityOf(resource).ToString();

    private static async Task<P.EntityBatchResult> RunAsync<TEntity>(P.EntityBatchRequest request)
        where TEntity : ITaskEntity
    {
        var encoded = await GrpcEntityRunner.LoadAndRunAsync(Convert.ToBase64String(request.ToByteArray()), ActivatorUtilities.CreateInstance<TEntity>(Services), Services);
        var result = P.EntityBatchResult.Parser.ParseFrom(Convert.FromBase64String(encoded));
        Assert.All(result.Results, r => Assert.Equal(P.OperationResult.ResultTypeOneofCase.Success, r.ResultTypeCase));
        return result;
    }

    private static List<P.SendSignalAction> Signals(P.EntityBatchResult result) =>
        result.Actions.Where(a => a.OperationActionTypeCase == P.OperationAction.OperationActionTypeOneofCase.SendSignal).Select(a => a.SendSignal).ToList();

    private static P.OperationRequest Operation(string name, object input) => new()
    {
        Operation = name,
        RequestId = Guid.NewGuid().ToString(),
        Input = JsonSerializer.Serialize(input),
    };
}
