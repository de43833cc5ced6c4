using CfSync.Core.Sources;

namespace CfSync.Core.Tests;

public sealed class KubernetesNamesTests
{
    [Theory]
    [InlineData("web", true)]
    [InlineData("a-1", true)]
    [InlineData("1a", true)]
    [InlineData("Web", false)]
    [InlineData("a.b", false)]
    [InlineData("-a", false)]
    [InlineData("a-", false)]
    [InlineData("a\n", false)]
    [InlineData("", false)]
    public void Labels(string value, bool valid) => Assert.Equal(valid, KubernetesNames.LabelError(value) is null);

    [Theory]
    [InlineData("shop.example", true)]
    [InlineData("a", true)]
    [InlineData("a..b", false)]
    [InlineData("a/b", false)]
    [InlineData(".a", false)]
    [InlineData("a_b", false)]
    public void Subdomains(string value, bool valid) => Assert.Equal(valid, KubernetesNames.SubdomainError(value) is null);

    [Fact]
    public void Lengths_are_those_of_kubernetes()
    {
        Assert.Null(KubernetesNames.LabelError(new string('a', 63)));
        Assert.NotNull(KubernetesNames.LabelError(new string('a', 64)));
        Assert.Null(KubernetesNames.SubdomainError(string.Join('.', Enumerable.Repeat(new string('a', 63), 4)) [..253]));
        Assert.NotNull(KubernetesNames.SubdomainError(new string('a', 254)));
        Assert.NotNull(KubernetesNames.PathSegmentError(new string('a', 254)));
    }

    [Theory]
    [InlineData("api", true)]
    [InlineData("1api", false)]
    public void Service_names_are_dns_1035_labels(string value, bool valid) =>
        Assert.Equal(valid, KubernetesNames.Dns1035LabelError(value) is null);

    [Theory]
    [InlineData("system:controller:x", true)]
    [InlineData("a/b", false)]
    [InlineData("a%2F", false)]
    [InlineData("..", false)]
    public void Any_name_is_a_path_segment(string value, bool valid) =>
        Assert.Equal(valid, KubernetesNames.PathSegmentError(value) is null);

    [Theory]
    [InlineData("HTTPRoute", true)]
    [InlineData("5", false)]
    [InlineData("Ingress/x", false)]
    [InlineData("", false)]
    public void Kinds(string value, bool valid) => Assert.Equal(valid, KubernetesNames.KindError(value) is null);

    [Theory]
    [InlineData("v1", true)]
    [InlineData("networking.k8s.io/v1", true)]
    [InlineData("networking.cloudflare-operator.io/v1alpha2", true)]
    [InlineData("1", false)]
    [InlineData("a/b/v1", false)]
    [InlineData("/v1", false)]
    [InlineData("networking.k8s.io/", false)]
    public void Api_versions(string value, bool valid) => Assert.Equal(valid, KubernetesNames.ApiVersionError(value) is null);
}
