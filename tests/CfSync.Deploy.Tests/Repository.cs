using System.Reflection;
using System.Text.Json.Nodes;

namespace CfSync.Deploy.Tests;

/// <summary>The repository this test assembly was built from (its root recorded at build time).</summary>
internal static class Repository
{
    public static string Root { get; } = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>host.json: what the Functions host (and the task hub) is configured with.</summary>
    public static JsonObject HostJson { get; } = JsonNode.Parse(Read("host.json"))!.AsObject();

    public static JsonObject DurableStorage => HostJson["extensions"]!["durableTask"]!["storageProvider"]!.AsObject();

    public static string HubName => (string)HostJson["extensions"]!["durableTask"]!["hubName"]!;

    /// <summary>Durable Functions' default is 4 when host.json does not say.</summary>
    public static int PartitionCount => (int?)DurableStorage["partitionCount"] ?? 4;
}
