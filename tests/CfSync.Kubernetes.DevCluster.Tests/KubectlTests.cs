using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace CfSync.Kubernetes.DevCluster.Tests;

// The real kubectl against the dev cluster: what docs/dev-cluster.md promises works.
public sealed class KubectlTests : IAsyncLifetime, IDisposable
{
    private KubernetesTestApiServer _server = null!;
    private IKubernetes _client = null!;
    private Kubectl _kubectl = null!;

    public async Task InitializeAsync()
    {
        _server = await KubernetesTestApiServer.StartAsync();
        _client = _server.CreateClient();
        _kubectl = new Kubectl(_server);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    public void Dispose() => _kubectl.Dispose();

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string[] Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Api_resources_lists_our_kinds_with_short_names_and_scope()
    {
        var lines = Lines(await _kubectl.SucceedAsync("api-resources"));

        Assert.Equal(["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"], Words(lines[0]));
        Assert.Contains(["cloudflaresyncstates", "cfss,syncstate", "networking.cloudflare-operator.io/v1alpha2", "false", "CloudflareSyncState"], lines.Select(Words));
        Assert.Contains(["tunnels", "networking.cloudflare-operator.io/v1alpha2", "true", "Tunnel"], lines.Select(Words));
        Assert.Contains(["tunnelbindings", "networking.cloudflare-operator.io/v1alpha1", "true", "TunnelBinding"], lines.Select(Words));
        Assert.Contains(["ingresses", "ing", "networking.k8s.io/v1", "true", "Ingress"], lines.Select(Words));
        Assert.Contains(["services", "svc", "v1", "true", "Service"], lines.Select(Words));
        Assert.Contains(["gateways", "gtw", "gateway.networking.k8s.io/v1", "true", "Gateway"], lines.Select(Words));
    }

    [Fact]
    public async Task Apply_of_the_samples_creates_every_object_and_a_second_apply_changes_nothing_it_owns()
    {
        var first = Lines(await _kubectl.SucceedAsync("apply", "-f", Kubectl.Samples));
        var second = Lines(await _kubectl.SucceedAsync("apply", "-f", Kubectl.Samples));

        Assert.Equal(19, first.Length);
        Assert.All(first, line => Assert.EndsWith(" created", line, StringComparison.Ordinal));
        Assert.Contains("ingress.networking.k8s.io/shop created", first);
        Assert.Contains("clustertunnel.networking.cloudflare-operator.io/edge created", first);
        Assert.Contains("httproute.gateway.networking.k8s.io/docs created", first);
        Assert.Equal(first.Length, second.Length);
        Assert.Contains("service/storefront unchanged", second);
        Assert.Contains("ingressclass.networking.k8s.io/cloudflare-tunnel unchanged", second);
        var ingress = await _client.NetworkingV1.ReadNamespacedIngressAsync("shop", "shop");
        Assert.Equal(["shop.example.com", "status.example.com"], ingress.Spec.Rules.Select(r => r.Host));
        Assert.Contains("kubectl.kubernetes.io/last-applied-configuration", ingress.Metadata.Annotations.Keys);
    }

    [Fact]
    public async Task Apply_after_an_edit_patches_built_in_kinds_strategically_and_custom_resources_by_merge_patch()
    {
        await _kubectl.SucceedAsync("apply", "-f", Kubectl.Samples);
        var edited = Directory.CreateDirectory(Path.Combine(_kubectl.Folder, "edited")).FullName;
        var shop = await File.ReadAllTextAsync(Path.Combine(Kubectl.Samples, "20-shop.yaml"));
        await File.WriteAllTextAsync(Path.Combine(edited, "20-shop.yaml"), shop.Replace("      port: 8080\n", "      port: 8081\n", StringComparison.Ordinal)
            .Replace("ingressClassName: cloudflare-tunnel", "ingressClassName: other-class", StringComparison.Ordinal));
        var tunnels = await File.ReadAllTextAsync(Path.Combine(Kubectl.Samples, "00-tunnels.yaml"));
        await File.WriteAllTextAsync(Path.Combine(edited, "00-tunnels.yaml"), tunnels.Replace("fallbackTarget: http_status:404", "fallbackTarget: http_status:410", StringComparison.Ordinal));

        var result = await _kubectl.RunAsync("apply", "-f", edited, "-v=8");

        Assert.Equal(0, result.ExitCode);
        var output = Lines(result.Stdout);
        Assert.Contains("service/storefront configured", output);
        Assert.Contains("ingress.networking.k8s.io/shop configured", output);
        Assert.Contains("service/api unchanged", output);
        Assert.Contains("clustertunnel.networking.cloudflare-operator.io/edge configured", output);
        var service = await _client.CoreV1.ReadNamespacedServiceAsync("storefront", "shop");
        var port = Assert.Single(service.Spec.Ports);
        Assert.Equal((8081, "http"), (port.Port, port.Name));
        Assert.Equal("other-class", (await _client.NetworkingV1.ReadNamespacedIngressAsync("shop", "shop")).Spec.IngressClassName);
        var edge = Api.Json(await _client.CustomObjects.GetClusterCustomObjectAsync(Api.Group, "v1alpha2", "clustertunnels", "edge"));
        Assert.Equal("http_status:410", Api.Text(edge, "spec.fallbackTarget"));
        var patchTypes = result.Stderr.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Contains("Content-Type: application/", StringComparison.Ordinal) && l.Contains("patch+json", StringComparison.Ordinal))
            .Select(l => l[(l.LastIndexOf(' ') + 1)..])
            .ToList();
        Assert.Contains("application/strategic-merge-patch+json", patchTypes);
        Assert.Contains("application/merge-patch+json", patchTypes);
    }

    [Fact]
    public async Task Get_cloudflaresyncstates_prints_the_CRD_printer_columns()
    {
        await CreateSyncStateAsync("tunnel-1", "TunnelConfiguration", "c0ffee00-0000-4000-8000-000000000001", "Synced", sources: 3);

        var table = Lines(await _kubectl.SucceedAsync("get", "cloudflaresyncstates"));
        var wide = Lines(await _kubectl.SucceedAsync("get", "cfss", "-o", "wide"));

        Assert.Equal(["NAME", "TYPE", "CLOUDFLARE", "ID", "STATUS", "SOURCES", "LAST", "SYNC", "AGE"], Words(table[0]));
        var row = Words(table[1]);
        Assert.Equal(["tunnel-1", "TunnelConfiguration", "c0ffee00-0000-4000-8000-000000000001", "Synced", "3"], row[..5]);
        Assert.Equal(2, table.Length);
        Assert.Equal(["NAME", "TYPE", "CLOUDFLARE", "ID", "STATUS", "SOURCES", "LAST", "SYNC", "AGE", "FIRST", "SOURCE", "REASON"], Words(wide[0]));
        Assert.Equal(["shop", "Synced"], Words(wide[1])[^2..]);
    }

    [Fact]
    public async Task Get_ingress_and_tunnels_print_their_columns_and_objects()
    {
        await _kubectl.SucceedAsync("apply", "-f", Kubectl.Samples);

        var ingresses = Lines(await _kubectl.SucceedAsync("get", "ingress", "-A"));
        var tunnels = Lines(await _kubectl.SucceedAsync("get", "tunnels", "-n", "team-a"));

        Assert.Equal(["NAMESPACE", "NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"], Words(ingresses[0]));
        Assert.Equal(["shop", "shop", "cloudflare-tunnel", "shop.example.com,status.example.com", "80,", "443"], Words(ingresses[1])[..6]);
        Assert.Equal(["NAME", "TUNNEL", "ID", "STATE", "AGE"], Words(tunnels[0]));
        Assert.Equal("internal", Words(tunnels[1])[0]);
        Assert.Equal(2, tunnels.Length);
    }

    [Fact]
    public async Task Get_watch_prints_each_change_as_a_row_with_the_kinds_columns()
    {
        await _kubectl.SucceedAsync("apply", "-f", Kubectl.Samples);

        using var watch = _kubectl.Start("get", "ingress", "-n", "shop", "-w");
        var header = await watch.StandardOutput.ReadLineAsync();
        var initial = await watch.StandardOutput.ReadLineAsync();
        await _client.NetworkingV1.PatchNamespacedIngressAsync(new V1Patch("""{"spec":{"ingressClassName":"moved"}}""", V1Patch.PatchType.MergePatch), "shop", "shop");
        var changed = await watch.StandardOutput.ReadLineAsync();
        watch.Kill();

        Assert.Equal(["NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"], Words(header!));
        Assert.Equal(["shop", "cloudflare-tunnel"], Words(initial!)[..2]);
        Assert.Equal(["shop", "moved", "shop.example.com,status.example.com"], Words(changed!)[..3]);
    }

    [Fact]
    public async Task A_deprecated_CRD_version_warns_as_its_CRD_says_and_the_preferred_one_does_not()
    {
        await _kubectl.SucceedAsync("apply", "-f", Kubectl.Samples);

        var old = await _kubectl.RunAsync("get", "tunnels.v1alpha1.networking.cloudflare-operator.io", "-n", "team-a");
        var preferred = await _kubectl.RunAsync("get", "tunnels", "-n", "team-a");

        Assert.Equal((0, 0), (old.ExitCode, preferred.ExitCode));
        Assert.Contains("Warning: networking.cloudflare-operator.io/v1alpha1 Tunnel is deprecated; use v1alpha2", old.Stderr, StringComparison.Ordinal);
        Assert.Equal("", preferred.Stderr);
        Assert.Equal("internal", Words(Lines(old.Stdout)[1])[0]);
    }

    [Fact]
    public async Task Describe_ingress_shows_its_fields_and_only_its_own_events()
    {
        await _kubectl.SucceedAsync("apply", "-f", Kubectl.Samples);
        var ingress = await _client.NetworkingV1.ReadNamespacedIngressAsync("shop", "shop");
        await _client.CoreV1.CreateNamespacedEventAsync(Event("shop.synced", "Ingress", "shop", ingress.Metadata.Uid, "Synced", "tunnel configuration applied"), "shop");
        await _client.CoreV1.CreateNamespacedEventAsync(Event("api.other", "Service", "api", uid: null, "Other", "not about the ingress"), "shop");

        var output = await _kubectl.SucceedAsync("describe", "ingress", "shop", "-n", "shop");

        var lines = Lines(output);
        Assert.Contains(["Name:", "shop"], lines.Select(Words));
        Assert.Contains(["Namespace:", "shop"], lines.Select(Words));
        Assert.Contains(["Ingress", "Class:", "cloudflare-tunnel"], lines.Select(Words));
        Assert.Contains(["/api", "api:https", "(<none>)"], lines.Select(Words));
        Assert.Contains(["status.example.com"], lines.Select(Words));
        var events = lines.SkipWhile(l => l != "Events:").ToList();
        Assert.Equal(["Type", "Reason", "Age", "From", "Message"], Words(events[1]));
        Assert.Contains("Normal  Synced", events[3], StringComparison.Ordinal);
        Assert.EndsWith("tunnel configuration applied", events[3], StringComparison.Ordinal);
        Assert.DoesNotContain(events, l => l.Contains("not about the ingress", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delete_waits_while_a_finalizer_holds_the_object_and_ends_once_it_is_removed()
    {
        await _kubectl.SucceedAsync("apply", "-f", Kubectl.Samples);
        await _client.NetworkingV1.PatchNamespacedIngressAsync(new V1Patch("""{"metadata":{"finalizers":["cfsync.io/test"]}}""", V1Patch.PatchType.MergePatch), "shop", "shop");

        using var delete = _kubectl.Start("delete", "ingress", "shop", "-n", "shop");
        var deletedLine = await delete.StandardOutput.ReadLineAsync();
        var held = await _client.NetworkingV1.ReadNamespacedIngressAsync("shop", "shop");
        Assert.False(delete.HasExited);
        await _client.NetworkingV1.PatchNamespacedIngressAsync(new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "shop", "shop");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await delete.WaitForExitAsync(timeout.Token);

        Assert.Equal("ingress.networking.k8s.io \"shop\" deleted", deletedLine);
        Assert.NotNull(held.Metadata.DeletionTimestamp);
        Assert.Equal(0, delete.ExitCode);
        Assert.Empty((await _client.NetworkingV1.ListNamespacedIngressAsync("shop")).Items);
    }

    [Fact]
    public async Task Delete_of_the_samples_removes_every_object()
    {
        await _kubectl.SucceedAsync("apply", "-f", Kubectl.Samples);

        var deleted = Lines(await _kubectl.SucceedAsync("delete", "-f", Kubectl.Samples));

        Assert.Equal(19, deleted.Length);
        Assert.All(deleted, line => Assert.EndsWith("\" deleted", line, StringComparison.Ordinal));
        Assert.Equal("No resources found", (await _kubectl.RunAsync("get", "ingress,services,tunnels,tunnelbindings,httproutes", "-A")).Stderr.Trim());
    }

    private static Corev1Event Event(string name, string kind, string objectName, string? uid, string reason, string message) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        InvolvedObject = new V1ObjectReference { Kind = kind, Name = objectName, NamespaceProperty = "shop", Uid = uid, ApiVersion = kind == "Ingress" ? "networking.k8s.io/v1" : "v1" },
        Reason = reason,
        Message = message,
        Type = "Normal",
        Source = new V1EventSource { Component = "cfsync" },
    };

    private async Task CreateSyncStateAsync(string name, string type, string cloudflareId, string syncStatus, int sources)
    {
        var body = new JsonObject
        {
            ["apiVersion"] = $"{Api.Group}/v1alpha2",
            ["kind"] = "CloudflareSyncState",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject
            {
                ["resourceType"] = type,
                ["cloudflareId"] = cloudflareId,
                ["sources"] = new JsonArray(new JsonObject { ["ref"] = new JsonObject { ["kind"] = "Ingress", ["namespace"] = "shop", ["name"] = "shop" } }),
            },
        };
        await _client.CustomObjects.CreateClusterCustomObjectAsync(body, Api.Group, "v1alpha2", "cloudflaresyncstates");
        var status = new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["syncStatus"] = syncStatus,
                ["sourceCount"] = sources,
                ["lastSyncTime"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True", ["reason"] = "Synced" }),
            },
        };
        await _client.CustomObjects.PatchClusterCustomObjectStatusAsync(new V1Patch(status.ToJsonString(), V1Patch.PatchType.MergePatch), Api.Group, "v1alpha2", "cloudflaresyncstates", name);
    }
}
