using System.Text.Json.Nodes;
using CfSync.Kubernetes.DevCluster;
using CfSync.Testing;
using CfSync.Translation;

namespace CfSync.EndToEnd.Tests;

/// <summary>
/// A fresh loop and a fresh copy of samples/cluster per test (each case changes the cluster): the manifests are
/// changed here and in the cluster together, so the render always reads what the cluster holds.
/// </summary>
public abstract class LoopTest : IAsyncLifetime
{
    public const string Edge = "6ff42ae2-765d-4adf-8112-31c55c1551ef";
    public const string TeamA = "2b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

    internal Loop Loop { get; private set; } = null!;

    internal Manifests Manifests { get; } = Manifests.Samples();

    /// <summary>The dev cluster's settings for this test class.</summary>
    protected virtual TestApiServerOptions ClusterOptions => new();

    /// <summary>The engine's settings for this test class, over the loop's fast defaults.</summary>
    protected virtual void ConfigureSync(CfSync.Sync.SyncOptions options)
    {
    }

    /// <summary>How many bridge replicas run from the start.</summary>
    protected virtual int Bridges => 1;

    public async Task InitializeAsync()
    {
        Loop = await Loop.StartAsync(ClusterOptions, ConfigureSync);
        for (var i = 0; i < Bridges; i++)
        {
            await Loop.StartBridgeAsync();
        }

        await Eventually.TrueAsync(() => Task.FromResult(Loop.Bridges.Count(b => b.Status.Leading) == 1), TimeSpan.FromSeconds(30), "one bridge to lead");
    }

    public async Task DisposeAsync()
    {
        await Loop.DisposeAsync();
        Manifests.Dispose();
    }

    /// <summary>
    /// Applies the manifests CfSync reads, in file order (those from index <paramref name="from"/>, at most
    /// <paramref name="take"/>); those <paramref name="skip"/> names are left out of the cluster and the manifests.
    /// </summary>
    protected async Task ApplySamplesAsync(Func<JsonObject, bool>? skip = null, int from = 0, int take = int.MaxValue)
    {
        foreach (var manifest in Manifests.Objects.Skip(from).Take(take).ToList())
        {
            if (skip?.Invoke(manifest) == true)
            {
                Manifests.Remove(manifest);
            }
            else if (Kinds.Find(new GroupKind(GroupKind.GroupOf((string)manifest["apiVersion"]!), (string)manifest["kind"]!)) is not null)
            {
                await Loop.Objects.ApplyAsync(manifest);
            }
        }
    }

    /// <summary>Applies the manifest to the cluster, and records it as the manifests now are.</summary>
    protected async Task ApplyAsync(JsonObject manifest)
    {
        Manifests.Put(manifest);
        await Loop.Objects.ApplyAsync(manifest);
    }

    protected async Task DeleteAsync(JsonObject manifest)
    {
        Manifests.Remove(manifest);
        await Loop.Objects.DeleteAsync(manifest);
    }

    internal Task<IReadOnlyList<RenderedTunnel>> CloudflareHoldsTheRenderAsync() => Loop.HoldsTheRenderAsync(Manifests);

    protected static bool Is(JsonObject manifest, string kind, string name) =>
        (string?)manifest["kind"] == kind && (string?)manifest["metadata"]!["name"] == name;
}
