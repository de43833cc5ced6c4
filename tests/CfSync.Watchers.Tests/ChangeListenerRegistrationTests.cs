using CfSync.Kubernetes.DevCluster;
using CfSync.LocalHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CfSync.Watchers.Tests;

/// <summary>KUBECONFIG is process-wide: these tests run alone.</summary>
[CollectionDefinition(nameof(KubeconfigVariable), DisableParallelization = true)]
public sealed class KubeconfigVariable;

[Collection(nameof(KubeconfigVariable))]
public sealed class ChangeListenerRegistrationTests
{
    [Theory]
    [InlineData(true, null, true)]
    [InlineData(true, "false", false)]
    [InlineData(false, null, false)]
    public async Task The_local_host_listens_only_with_a_cluster_configured_and_not_turned_off(bool kubeconfig, string? enabled, bool listens)
    {
        await using var server = await KubernetesTestApiServer.StartAsync();
        var path = server.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"kubeconfig-{Guid.NewGuid():N}"));
        var before = Environment.GetEnvironmentVariable("KUBECONFIG");
        try
        {
            Environment.SetEnvironmentVariable("KUBECONFIG", kubeconfig ? path : null);
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { [$"{ChangeListenerOptions.Section}:Enabled"] = enabled })
                .Build();

            var services = new ServiceCollection().AddChangeQueueListener(configuration);

            Assert.Equal(listens, services.Any(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType == typeof(ChangeQueueListener)));
        }
        finally
        {
            Environment.SetEnvironmentVariable("KUBECONFIG", before);
            File.Delete(path);
        }
    }
}
