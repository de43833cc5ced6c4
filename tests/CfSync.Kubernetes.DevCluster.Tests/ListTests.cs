using System.Net;
using k8s;

namespace CfSync.Kubernetes.DevCluster.Tests;

// Conventions: "Labels and Selectors" (equality- and set-based requirements) and
// "Retrieving large results sets in chunks" (limit/continue) in the Kubernetes documentation.
public sealed class ListTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private IKubernetes Client => fixture.Client;

    private async Task<string> ThreeServicesAsync()
    {
        var ns = ServerFixture.UniqueNamespace();
        await Client.CoreV1.CreateNamespacedServiceAsync(Api.Service("a", new Dictionary<string, string> { ["tier"] = "web", ["env"] = "prod" }), ns);
        await Client.CoreV1.CreateNamespacedServiceAsync(Api.Service("b", new Dictionary<string, string> { ["tier"] = "db", ["env"] = "prod" }), ns);
        await Client.CoreV1.CreateNamespacedServiceAsync(Api.Service("c", new Dictionary<string, string> { ["tier"] = "cache" }), ns);
        return ns;
    }

    [Theory]
    [InlineData("tier=web", "a")]
    [InlineData("tier==web", "a")]
    [InlineData("tier!=web", "b,c")]
    [InlineData("env", "a,b")]
    [InlineData("!env", "c")]
    [InlineData("tier in (web,db)", "a,b")]
    [InlineData("tier notin (web,db)", "c")]
    [InlineData("env notin (prod)", "c")]
    [InlineData("env=prod,tier in (db, cache)", "b")]
    [InlineData("", "a,b,c")]
    public async Task List_filters_by_label_selector_requirements(string selector, string expected)
    {
        var ns = await ThreeServicesAsync();

        var list = await Client.CoreV1.ListNamespacedServiceAsync(ns, labelSelector: selector);

        Assert.Equal(expected, string.Join(',', list.Items.Select(s => s.Metadata.Name)));
        Assert.Equal("ServiceList", list.Kind);
    }

    [Fact]
    public async Task An_unparsable_label_selector_is_400_BadRequest()
    {
        var (code, _) = await Api.FailureAsync(() => Client.CoreV1.ListNamespacedServiceAsync("default", labelSelector: "tier in web"));

        Assert.Equal(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task List_pages_with_limit_and_continue_until_the_token_is_empty()
    {
        var ns = await ThreeServicesAsync();

        var first = await Client.CoreV1.ListNamespacedServiceAsync(ns, limit: 2);
        var second = await Client.CoreV1.ListNamespacedServiceAsync(ns, limit: 2, continueParameter: first.Metadata.ContinueProperty);

        Assert.Equal(["a", "b"], first.Items.Select(s => s.Metadata.Name));
        Assert.False(string.IsNullOrEmpty(first.Metadata.ContinueProperty));
        Assert.Equal(["c"], second.Items.Select(s => s.Metadata.Name));
        Assert.True(string.IsNullOrEmpty(second.Metadata.ContinueProperty));
    }

    [Fact]
    public async Task List_carries_the_current_resourceVersion_and_is_scoped_to_the_namespace()
    {
        var ns = await ThreeServicesAsync();
        await Client.CoreV1.CreateNamespacedServiceAsync(Api.Service("elsewhere"), ServerFixture.UniqueNamespace());

        var list = await Client.CoreV1.ListNamespacedServiceAsync(ns);
        var all = await Client.CoreV1.ListServiceForAllNamespacesAsync(fieldSelector: "metadata.name=elsewhere");

        Assert.Equal(3, list.Items.Count);
        Assert.Equal(fixture.Server.CurrentResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), list.Metadata.ResourceVersion);
        Assert.Equal("elsewhere", Assert.Single(all.Items).Metadata.Name);
    }

    [Theory]
    [InlineData("involvedObject.kind=Ingress,involvedObject.name=shop", "e1")]
    [InlineData("involvedObject.uid=u-1", "e1")]
    [InlineData("reason!=Synced", "e2")]
    [InlineData("source=cfsync,type=Warning", "e2")]
    public async Task Events_are_selected_by_their_selectable_fields_as_kubectl_describe_selects_them(string selector, string expected)
    {
        var ns = ServerFixture.UniqueNamespace();
        await Client.CoreV1.CreateNamespacedEventAsync(Event("e1", "Ingress", "shop", "u-1", "Synced", "Normal"), ns);
        await Client.CoreV1.CreateNamespacedEventAsync(Event("e2", "Service", "shop", "u-2", "Failed", "Warning"), ns);

        var list = await Client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: selector);

        Assert.Equal(expected, string.Join(',', list.Items.Select(e => e.Metadata.Name)));
    }

    [Theory]
    [InlineData("services", "spec.type=ClusterIP")]
    [InlineData("events", "message=x")]
    public async Task A_field_selector_on_a_field_the_kind_does_not_select_by_is_400(string plural, string selector)
    {
        var (code, status) = await Api.FailureAsync(() => plural == "services"
            ? Client.CoreV1.ListNamespacedServiceAsync("default", fieldSelector: selector)
            : Client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: selector));

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Contains("field label not supported", (string?)status["message"], StringComparison.Ordinal);
    }

    private static k8s.Models.Corev1Event Event(string name, string kind, string objectName, string uid, string reason, string type) => new()
    {
        Metadata = new k8s.Models.V1ObjectMeta { Name = name },
        InvolvedObject = new k8s.Models.V1ObjectReference { Kind = kind, Name = objectName, Uid = uid },
        Reason = reason,
        Type = type,
        Source = new k8s.Models.V1EventSource { Component = "cfsync" },
    };
}
