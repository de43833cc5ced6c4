using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace CfSync.Kubernetes.DevCluster.Tests;

// Convention: "Finalizers" in the Kubernetes docs: deleting an object with finalizers only sets
// metadata.deletionTimestamp; the object goes once the last finalizer is removed; no new finalizers
// may be added while it is being deleted.
public sealed class FinalizerTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Plural = "dnsrecords";
    private const string Version = "v1alpha2";

    private IKubernetes Client => fixture.Client;

    private async Task<JsonObject> ReadAsync(string ns) =>
        Api.Json(await Client.CustomObjects.GetNamespacedCustomObjectAsync(Api.Group, Version, ns, Plural, "www"));

    private async Task<string> CreateDeletingAsync()
    {
        var ns = ServerFixture.UniqueNamespace();
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Api.DnsRecord("www", "a.example.com", "cfsync/cleanup"), Api.Group, Version, ns, Plural);
        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(Api.Group, Version, ns, Plural, "www");
        return ns;
    }

    [Fact]
    public async Task Delete_with_finalizers_sets_deletionTimestamp_and_grace_0_and_keeps_the_object()
    {
        var ns = await CreateDeletingAsync();

        var read = await ReadAsync(ns);

        Assert.NotNull(Api.Text(read, "metadata.deletionTimestamp"));
        Assert.Equal("0", Api.Text(read, "metadata.deletionGracePeriodSeconds"));
        Assert.Equal("cfsync/cleanup", (string?)read["metadata"]!["finalizers"]![0]);
    }

    [Fact]
    public async Task Removing_the_last_finalizer_of_a_deleting_object_deletes_it()
    {
        var ns = await CreateDeletingAsync();

        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), Api.Group, Version, ns, Plural, "www");

        var (code, _) = await Api.FailureAsync(() => ReadAsync(ns));
        Assert.Equal(HttpStatusCode.NotFound, code);
    }

    [Fact]
    public async Task Watchers_see_MODIFIED_for_the_marking_and_DELETED_when_the_finalizer_goes()
    {
        var ns = ServerFixture.UniqueNamespace();
        var start = fixture.Server.CurrentResourceVersion.ToString(CultureInfo.InvariantCulture);
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Api.DnsRecord("www", "a.example.com", "cfsync/cleanup"), Api.Group, Version, ns, Plural);
        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(Api.Group, Version, ns, Plural, "www");
        var deleting = await ReadAsync(ns);
        deleting["metadata"]!["finalizers"] = new JsonArray();
        await Client.CustomObjects.ReplaceNamespacedCustomObjectAsync(deleting, Api.Group, Version, ns, Plural, "www");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var types = new List<WatchEventType>();
        await foreach (var (type, _) in Client.CustomObjects.WatchListNamespacedCustomObjectAsync(Api.Group, Version, ns, Plural, resourceVersion: start, cancellationToken: timeout.Token))
        {
            types.Add(type);
            if (types.Count == 3)
            {
                break;
            }
        }

        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], types);
    }

    [Fact]
    public async Task Deleting_again_while_finalizers_hold_the_object_changes_nothing()
    {
        var ns = await CreateDeletingAsync();
        var before = await ReadAsync(ns);

        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(Api.Group, Version, ns, Plural, "www");

        Assert.Equal(Api.Text(before, "metadata.resourceVersion"), Api.Text(await ReadAsync(ns), "metadata.resourceVersion"));
    }

    [Fact]
    public async Task Adding_a_finalizer_to_a_deleting_object_is_422_Invalid()
    {
        var ns = await CreateDeletingAsync();

        var (code, status) = await Api.FailureAsync(() => Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""[{"op":"add","path":"/metadata/finalizers/-","value":"late"}]""", V1Patch.PatchType.JsonPatch), Api.Group, Version, ns, Plural, "www"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("Invalid", (string?)status["reason"]);
    }

    [Theory]
    [InlineData(false, HttpStatusCode.OK)]
    [InlineData(true, HttpStatusCode.Accepted)]
    public async Task Delete_answers_200_when_the_object_is_gone_and_202_while_finalizers_hold_it(bool finalizer, HttpStatusCode expected)
    {
        var ns = ServerFixture.UniqueNamespace();
        var finalizers = finalizer ? new[] { "cfsync/cleanup" } : [];
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Api.DnsRecord("www", "a.example.com", finalizers), Api.Group, Version, ns, Plural);

        using var response = await Client.CustomObjects.DeleteNamespacedCustomObjectWithHttpMessagesAsync(Api.Group, Version, ns, Plural, "www");

        Assert.Equal(expected, response.Response.StatusCode);
        if (!finalizer)
        {
            var (code, _) = await Api.FailureAsync(() => ReadAsync(ns));
            Assert.Equal(HttpStatusCode.NotFound, code);
        }
    }
}
