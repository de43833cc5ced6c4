using k8s;
using k8s.Models;

namespace CfSync.Kubernetes.DevCluster.Tests;

public sealed class KubeconfigTests
{
    [Fact]
    public async Task A_client_built_from_the_generated_kubeconfig_reaches_the_server()
    {
        await using var server = await KubernetesTestApiServer.StartAsync();
        var path = server.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"kubeconfig-{Guid.NewGuid():N}"));
        try
        {
            using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));

            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "edge" } });
            var namespaces = await client.CoreV1.ListNamespaceAsync();

            Assert.Equal("edge", Assert.Single(namespaces.Items).Metadata.Name);
            Assert.Equal("default", KubernetesClientConfiguration.BuildConfigFromConfigFile(path).Namespace);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task The_token_of_the_kubeconfig_names_the_user_of_its_requests()
    {
        await using var server = await KubernetesTestApiServer.StartAsync();
        var path = server.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"kubeconfig-{Guid.NewGuid():N}"), "cfsync-bridge");
        try
        {
            using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));

            await client.CoreV1.ListNamespaceAsync();

            Assert.Equal([new RecordedRequest("cfsync-bridge", new ApiRequest("list", "", "namespaces"))], server.RecordedRequests);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
