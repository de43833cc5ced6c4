using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Kubernetes.DevCluster;
using CfSync.Kubernetes.Watchers;
using CfSync.Translation;
using CfSync.Translation.Manifests;
using CfSync.Watchers.Changes;
using CfSync.Watchers.Watching;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Testing;

namespace CfSync.Watchers.Tests;

/// <summary>
/// A test API server (also serving the original operator's TunnelBinding group), a watcher reading it through
/// KubernetesClient, and the signals it sends. Objects are written through the same generic calls the watcher reads with.
/// </summary>
public abstract class ClusterRig : IAsyncLifetime
{
    protected const string OurFinalizer = "networking.cloudflare-operator.io/cfsync-source";

    private static readonly ApiResource OriginalTunnelBindings =
        new("networking.cfargotunnel.com", ["v1alpha1"], "tunnelbindings", "TunnelBinding", Namespaced: true, HasStatusSubresource: true, AllowUnconditionalUpdate: false);

    protected KubernetesTestApiServer Server { get; private set; } = null!;

    protected IKubernetes Client { get; private set; } = null!;

    protected FakeLogger<ChangeWatcher> Log { get; } = new();

    /// <summary>The watcher's clock, from now (the dev cluster stamps deletions with its own clock).</summary>
    protected Microsoft.Extensions.Time.Testing.FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    internal RecordingSignals Signals { get; } = new();

    protected ChangeWatcher Watcher { get; private set; } = null!;

    /// <summary>samples/cluster, as render reads it.</summary>
    protected static IReadOnlyList<ManifestDocument> Samples { get; } = ManifestReader.ReadPath(Path.Combine(AppContext.BaseDirectory, "samples", "cluster"));

    public virtual async Task InitializeAsync()
    {
        Server = await KubernetesTestApiServer.StartAsync(new TestApiServerOptions { Resources = new ApiResourceTable([.. ApiResourceTable.Default.Resources, OriginalTunnelBindings]) });
        Client = Server.CreateClient();
        Watcher = new ChangeWatcher(new KubernetesClusterReader(Client), Time, Log);
    }

    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>Creates every sample object CfSync reads, each with its status.</summary>
    protected async Task ApplySamplesAsync()
    {
        foreach (var document in Samples.Where(d => KindOf(d.Object) is not null))
        {
            await CreateAsync(document.Object.DeepClone().AsObject());
        }
    }

    protected static JsonObject Sample(string kind, string name) =>
        Samples.Single(d => (string?)d.Object["kind"] == kind && (string?)d.Object["metadata"]!["name"] == name).Object.DeepClone().AsObject();

    /// <summary>Creates the object, then writes its status (the API drops status on create).</summary>
    protected async Task<JsonObject> CreateAsync(JsonObject obj)
    {
        var kind = KindOf(obj)!;
        var (group, version, ns) = (kind.Kind.Group, Version(obj), Namespace(obj));
        var status = obj["status"]?.DeepClone();
        obj.Remove("status");
        ((JsonObject)obj["metadata"]!).Remove("creationTimestamp");
        var created = Json(ns is null
            ? await Client.CustomObjects.CreateClusterCustomObjectAsync(obj, group, version, kind.Plural)
            : await Client.CustomObjects.CreateNamespacedCustomObjectAsync(obj, group, version, ns, kind.Plural));
        return status is null ? created : await WriteStatusAsync(created, status);
    }

    protected async Task<JsonObject> WriteStatusAsync(JsonObject current, JsonNode status)
    {
        var kind = KindOf(current)!;
        current["status"] = status;
        var ns = Namespace(current);
        var name = (string)current["metadata"]!["name"]!;
        return Json(ns is null
            ? await Client.CustomObjects.ReplaceClusterCustomObjectStatusAsync(current, kind.Kind.Group, Version(current), kind.Plural, name)
            : await Client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(current, kind.Kind.Group, Version(current), ns, kind.Plural, name));
    }

    protected async Task<JsonObject> PatchAsync(string apiVersion, string kindName, string? ns, string name, JsonObject patch)
    {
        var kind = Kinds.Find(new GroupKind(GroupKind.GroupOf(apiVersion), kindName))!;
        var body = new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch);
        var version = apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..];
        return Json(ns is null
            ? await Client.CustomObjects.PatchClusterCustomObjectAsync(body, kind.Kind.Group, version, kind.Plural, name)
            : await Client.CustomObjects.PatchNamespacedCustomObjectAsync(body, kind.Kind.Group, version, ns, kind.Plural, name));
    }

    /// <summary>The object, or null when it is gone.</summary>
    protected async Task<JsonObject?> GetAsync(string apiVersion, string kindName, string? ns, string name)
    {
        var kind = Kinds.Find(new GroupKind(GroupKind.GroupOf(apiVersion), kindName))!;
        var version = apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..];
        try
        {
            return Json(ns is null
                ? await Client.CustomObjects.GetClusterCustomObjectAsync(kind.Kind.Group, version, kind.Plural, name)
                : await Client.CustomObjects.GetNamespacedCustomObjectAsync(kind.Kind.Group, version, ns, kind.Plural, name));
        }
        catch (k8s.Autorest.HttpOperationException missing) when (missing.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    protected async Task DeleteAsync(string apiVersion, string kindName, string? ns, string name)
    {
        var kind = Kinds.Find(new GroupKind(GroupKind.GroupOf(apiVersion), kindName))!;
        var version = apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..];
        _ = ns is null
            ? await Client.CustomObjects.DeleteClusterCustomObjectAsync(kind.Kind.Group, version, kind.Plural, name)
            : await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(kind.Kind.Group, version, ns, kind.Plural, name);
    }

    protected Task HandleAsync(params ObjectChange[] changes) => HandleAsync(new ChangeBatch(changes), new FixedSources());

    internal Task HandleAsync(ChangeBatch batch, FixedSources sources) =>
        Watcher.HandleAsync(ChangeMessages.Write(batch), Signals, sources, CancellationToken.None);

    protected static ObjectChange Change(string group, string kind, string? ns, string name, ChangeType type = ChangeType.Modified, string? uid = null) =>
        new(group, kind, ns, name, uid, "1", type);

    protected static IReadOnlyList<string> Finalizers(JsonObject obj) =>
        obj["metadata"]!["finalizers"] is JsonArray list ? [.. list.Select(f => (string)f!)] : [];

    protected static string Uid(JsonObject obj) => (string)obj["metadata"]!["uid"]!;

    protected static string Canonical(object? value) => JsonSerializer.Serialize(value);

    private static KindDescription? KindOf(JsonObject obj) =>
        Kinds.Find(new GroupKind(GroupKind.GroupOf((string)obj["apiVersion"]!), (string)obj["kind"]!));

    private static string Version(JsonObject obj)
    {
        var apiVersion = (string)obj["apiVersion"]!;
        return apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..];
    }

    private static string? Namespace(JsonObject obj) => KindOf(obj)!.Namespaced ? (string?)obj["metadata"]!["namespace"] ?? "default" : null;

    private static JsonObject Json(object result) => JsonSerializer.SerializeToNode(result) as JsonObject ?? throw new InvalidOperationException("not an object");
}
