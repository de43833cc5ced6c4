using System.Text.Json.Nodes;
using CfSync.Sync;

namespace CfSync.Functions.Tests;

/// <summary>
/// functions.metadata is what the Functions host indexes: if a trigger, a name or a binding is wrong there, the
/// engine never runs in Azure even though every class works on the local host.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly JsonArray Functions = FunctionsOutput.Read("functions.metadata").AsArray();

    private static JsonObject Function(string name) =>
        Functions.Single(f => (string?)f!["name"] == name)!.AsObject();

    private static JsonObject Trigger(string name) =>
        Function(name)["bindings"]!.AsArray().Single(b => ((string?)b!["type"])!.EndsWith("Trigger", StringComparison.Ordinal))!.AsObject();

    private static IEnumerable<JsonObject> DurableFunctions =>
        Functions.Select(f => f!.AsObject()).Where(f => Trigger((string)f["name"]!)["type"]!.GetValue<string>() is "entityTrigger" or "orchestrationTrigger" or "activityTrigger");

    /// <summary>The trigger a catalog task needs, and the name the host dispatches it under (entity names lower-cased).</summary>
    private static (string Trigger, string Name) Dispatched(JsonObject function)
    {
        var trigger = (string)Trigger((string)function["name"]!)["type"]!;
        var name = (string)function["name"]!;
        return (trigger, trigger == "entityTrigger" ? name.ToLowerInvariant() : name);
    }

    private static string TriggerOf(EngineTaskKind kind) => kind switch
    {
        EngineTaskKind.Entity => "entityTrigger",
        EngineTaskKind.Orchestrator => "orchestrationTrigger",
        _ => "activityTrigger",
    };

    [Fact]
    public void The_durable_functions_are_exactly_the_engine_catalog()
    {
        var expected = EngineCatalog.Tasks.Select(t => (TriggerOf(t.Kind), t.Name)).Order().ToList();
        Assert.Equal(expected, DurableFunctions.Select(Dispatched).Order().ToList());
        Assert.All(DurableFunctions, f => Assert.Equal("In", (string?)Trigger((string)f["name"]!)["direction"]));
    }

    [Fact]
    public void The_flight_inspection_reads_instances_through_the_durable_client() =>
        Assert.Contains(Function("InspectFlightActivity")["bindings"]!.AsArray(), b => (string?)b!["type"] == "durableClient");

    [Theory]
    [InlineData("GetSyncState", "get", "resources/{resourceType}/{cloudflareId}")]
    [InlineData("TriggerSync", "post", "resources/{resourceType}/{cloudflareId}/sync")]
    public void Http_endpoints_need_a_function_key(string name, string method, string route)
    {
        var trigger = Trigger(name);
        Assert.Equal("httpTrigger", (string?)trigger["type"]);
        Assert.Equal("Function", (string?)trigger["authLevel"]);
        Assert.Equal(route, (string?)trigger["route"]);
        Assert.Equal([method], trigger["methods"]!.AsArray().Select(m => (string?)m));
        Assert.Contains(Function(name)["bindings"]!.AsArray(), b => (string?)b!["type"] == "durableClient");
    }

    [Fact]
    public void The_health_probe_needs_no_key_and_no_storage()
    {
        var trigger = Trigger("Health");
        Assert.Equal(("httpTrigger", "Anonymous", "health"), ((string?)trigger["type"], (string?)trigger["authLevel"], (string?)trigger["route"]));
        Assert.Equal(["get"], trigger["methods"]!.AsArray().Select(m => (string?)m));
        Assert.DoesNotContain(Function("Health")["bindings"]!.AsArray(), b => (string?)b!["type"] == "durableClient");
    }

    [Fact]
    public void The_watcher_reads_the_change_queue_the_app_setting_names_and_signals_through_the_durable_client()
    {
        Assert.Equal("%CfSync:Changes:Queue%", (string?)Trigger("ChangeWatcher")["queueName"]);
        Assert.Contains(Function("ChangeWatcher")["bindings"]!.AsArray(), b => (string?)b!["type"] == "durableClient");
        var queues = FunctionsOutput.Read("host.json")["extensions"]!["queues"]!;
        Assert.Equal(5, (int)queues["maxDequeueCount"]!);
        Assert.Equal("00:00:30", (string?)queues["visibilityTimeout"]);
    }

    [Fact]
    public void Host_json_is_in_the_output_with_the_durable_storage_settings()
    {
        var durable = FunctionsOutput.Read("host.json")["extensions"]!["durableTask"]!;
        Assert.Equal("CfSync", (string?)durable["hubName"]);
        Assert.Equal("AzureWebJobsStorage", (string?)durable["storageProvider"]!["connectionStringName"]);
        Assert.True((int)durable["maxEntityOperationBatchSize"]! > 0);
        Assert.Equal("00:00:30", (string?)durable["storageProvider"]!["controlQueueVisibilityTimeout"]);
        Assert.Equal("00:00:30", (string?)durable["storageProvider"]!["workItemQueueVisibilityTimeout"]);
        Assert.Equal("2.0", (string?)FunctionsOutput.Read("host.json")["version"]);
    }
}
