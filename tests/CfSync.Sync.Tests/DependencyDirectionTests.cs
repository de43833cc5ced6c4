using CfSync.Core.Aggregation;

namespace CfSync.Sync.Tests;

/// <summary>
/// Dependencies point one way: the core knows nothing of Azure, HTTP or Kubernetes, and the engine reaches Cloudflare
/// and Kubernetes only through its ports (the edges reference the engine, never the other way round).
/// </summary>
public sealed class DependencyDirectionTests
{
    private static string[] References(Type type) =>
        type.Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

    [Fact]
    public void The_engine_references_no_edge()
    {
        var references = References(typeof(SyncOptions));
        Assert.DoesNotContain(references, r => r.StartsWith("CfSync.Cloudflare", StringComparison.Ordinal) || r.StartsWith("CfSync.Kubernetes", StringComparison.Ordinal) || r == "KubernetesClient");
    }

    [Fact]
    public void The_core_references_nothing_of_azure_http_kubernetes_or_the_durable_engine()
    {
        var references = References(typeof(ResourcePlanner));
        Assert.DoesNotContain(references, r => r.StartsWith("Azure", StringComparison.Ordinal) || r.StartsWith("Microsoft.DurableTask", StringComparison.Ordinal)
            || r.StartsWith("CfSync.", StringComparison.Ordinal) || r == "KubernetesClient" || r == "System.Net.Http");
    }
}
