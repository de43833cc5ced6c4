using System.Net;
using k8s;
using k8s.Models;

namespace CfSync.Kubernetes.DevCluster.Tests;

// Limits of a real cluster: kube-apiserver refuses a request body above 3 MiB with 413 RequestEntityTooLarge; etcd
// refuses an object above --max-request-bytes (1.5 MiB by default) and the API server passes that on as a 500.
public sealed class SizeLimitTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private IKubernetes Client => fixture.Client;

    private static V1ConfigMap Map(string name, int bytes) =>
        new() { Metadata = new V1ObjectMeta { Name = name }, Data = new Dictionary<string, string> { ["blob"] = new string('x', bytes) } };

    [Fact]
    public async Task A_request_body_above_3_MiB_is_413_RequestEntityTooLarge()
    {
        var ns = ServerFixture.UniqueNamespace();

        var (code, status) = await Api.FailureAsync(() => Client.CoreV1.CreateNamespacedConfigMapAsync(Map("huge", 3 * 1024 * 1024), ns));

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLarge"), (code, (string?)status["reason"]));
        Assert.Equal("Request entity too large: limit is 3145728", (string?)status["message"]);
    }

    [Fact]
    public async Task An_object_above_1_5_MiB_is_refused_as_etcd_refuses_it_and_nothing_is_stored()
    {
        var ns = ServerFixture.UniqueNamespace();
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(Map("grows", 1024), ns);

        var (code, status) = await Api.FailureAsync(() => Client.CoreV1.ReplaceNamespacedConfigMapAsync(Map("grows", 1600 * 1024), "grows", ns));

        Assert.Equal((HttpStatusCode.InternalServerError, "etcdserver: request is too large"), (code, (string?)status["message"]));
        var stored = await Client.CoreV1.ReadNamespacedConfigMapAsync("grows", ns);
        Assert.Equal(created.Metadata.ResourceVersion, stored.Metadata.ResourceVersion);
        Assert.Equal(1024, stored.Data["blob"].Length);
        Assert.Equal(1500 * 1024, (await Client.CoreV1.CreateNamespacedConfigMapAsync(Map("fits", 1500 * 1024), ns)).Data["blob"].Length);
    }
}
