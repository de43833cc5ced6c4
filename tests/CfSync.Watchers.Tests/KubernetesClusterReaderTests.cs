using System.Globalization;
using System.Text.Json.Nodes;
using CfSync.Kubernetes.DevCluster;
using CfSync.Kubernetes.Watchers;
using CfSync.Translation;
using CfSync.Watchers.Cluster;

namespace CfSync.Watchers.Tests;

/// <summary>The Kubernetes edge's reads, against the test API server.</summary>
public sealed class KubernetesClusterReaderTests : ClusterRig
{
    private static KindDescription Service => Kinds.Find(Kinds.Service)!;

    private KubernetesClusterReader Reader => new(Client);

    [Fact]
    public async Task The_revision_is_the_cluster_s_current_resource_version()
    {
        await ApplySamplesAsync();

        Assert.Equal(Server.CurrentResourceVersion.ToString(CultureInfo.InvariantCulture), await Reader.ReadRevisionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_list_pages_through_every_object_and_types_each_item()
    {
        for (var i = 0; i <= KubernetesClusterReader.PageSize; i++)
        {
            await CreateAsync(new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Service",
                ["metadata"] = new JsonObject { ["name"] = $"svc-{i}", ["namespace"] = "many" },
                ["spec"] = new JsonObject { ["ports"] = new JsonArray(new JsonObject { ["port"] = 80 }) },
            });
        }

        var services = await Reader.ListAsync(Service, "many", CancellationToken.None);

        Assert.Equal(KubernetesClusterReader.PageSize + 1, services.Select(ObjectFields.Name).Distinct().Count());
        Assert.All(services, s => Assert.Equal(("v1", "Service"), ((string?)s["apiVersion"], (string?)s["kind"])));
        Assert.Empty(await Reader.ListAsync(Service, "other", CancellationToken.None));
    }

    [Fact]
    public async Task A_kind_the_cluster_does_not_serve_has_no_objects_and_a_missing_object_is_null()
    {
        await using var bare = await KubernetesTestApiServer.StartAsync();
        using var client = bare.CreateClient();
        var reader = new KubernetesClusterReader(client);
        var original = Kinds.Find(Kinds.OriginalTunnelBinding)!;

        Assert.Empty(await reader.ListAsync(original, null, CancellationToken.None));
        Assert.Null(await reader.GetAsync(original, "team-a", "x", CancellationToken.None));
        Assert.Null(await reader.GetAsync(Service, "team-a", "x", CancellationToken.None));
    }

    [Fact]
    public async Task A_finalizer_write_on_a_stale_version_is_a_conflict_and_on_a_missing_object_gone()
    {
        await ApplySamplesAsync();
        var ingress = Kinds.Find(Kinds.Ingress)!;
        var current = (await Reader.GetAsync(ingress, "shop", "shop", CancellationToken.None))!;
        var version = ObjectFields.ResourceVersion(current);
        await PatchAsync("networking.k8s.io/v1", "Ingress", "shop", "shop", new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["a"] = "b" } } });

        Assert.Equal(FinalizerWrite.Conflict, await Reader.SetFinalizersAsync(ingress, "shop", "shop", version, ["x.example.com/f"], CancellationToken.None));
        Assert.Empty(Finalizers((await GetAsync("networking.k8s.io/v1", "Ingress", "shop", "shop"))!));
        Assert.Equal(FinalizerWrite.Gone, await Reader.SetFinalizersAsync(ingress, "shop", "missing", version, ["x.example.com/f"], CancellationToken.None));
    }
}
