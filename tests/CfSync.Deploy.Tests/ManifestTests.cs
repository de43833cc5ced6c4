using System.Text.Json.Nodes;
using CfSync.Bridge.Leadership;
using CfSync.Testing;
using CfSync.Watchers.Changes;
using Microsoft.Extensions.Configuration;

namespace CfSync.Deploy.Tests;

/// <summary>
/// infra/ as a user applies it: both overlays build, and every name one object gives another (Secrets and their keys,
/// ConfigMaps, ServiceAccounts, selectors, the Lease, the pinned functions) exists and matches the app's configuration.
/// </summary>
[Collection(PublishedAppsDefinition.Name)]
public sealed class ManifestTests(PublishedApps published)
{
    private static readonly string[] ClusterScoped = ["Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding"];

    /// <summary>The Secrets a user creates for the production overlay (docs/deploy.md); the local overlay generates them.</summary>
    private static readonly (string Secret, string Key)[] UserSecrets =
    [
        ("cfsync-storage", "connection"),
        (CloudflareSecret, "api-token"),
    ];

    private const string CloudflareSecret = "cfsync-cloudflare";

    [Theory]
    [MemberData(nameof(Overlay.Names), MemberType = typeof(Overlay))]
    public void Every_object_is_in_the_cfsync_namespace_or_cluster_scoped(string name)
    {
        var overlay = Overlay.Of(name);
        Assert.Contains(overlay.OfKind("Namespace"), n => Overlay.NameOf(n) == Overlay.Namespace);
        Assert.All(overlay.Objects, o => Assert.Equal(
            ClusterScoped.Contains((string)o["kind"]!) ? null : Overlay.Namespace, Overlay.NamespaceOf(o)));
        Assert.Equal(11, overlay.OfKind("CustomResourceDefinition").Count());
    }

    [Theory]
    [MemberData(nameof(Overlay.Names), MemberType = typeof(Overlay))]
    public void Every_service_account_named_exists(string name)
    {
        var overlay = Overlay.Of(name);
        foreach (var deployment in overlay.OfKind("Deployment"))
        {
            if ((string?)Overlay.PodSpec(deployment)["serviceAccountName"] is { } account)
            {
                Assert.NotNull(overlay.Find("ServiceAccount", account));
            }
        }

        foreach (var binding in overlay.OfKind("RoleBinding").Concat(overlay.OfKind("ClusterRoleBinding")))
        {
            Assert.NotNull(overlay.Find((string)binding["roleRef"]!["kind"]!, (string)binding["roleRef"]!["name"]!));
            Assert.All(binding["subjects"]!.AsArray(), s =>
            {
                Assert.Equal(Overlay.Namespace, (string?)s!["namespace"]);
                Assert.NotNull(overlay.Find("ServiceAccount", (string)s["name"]!));
            });
        }
    }

    /// <summary>Only the Cloudflare token is the user's on a local cluster too.</summary>
    [Fact]
    public void The_local_overlay_has_every_secret_key_referenced_but_the_token()
    {
        var overlay = Overlay.Of("local");
        var generated = SecretReferences(overlay).Where(r => r.Secret != CloudflareSecret).ToList();
        Assert.All(generated.Where(r => r.Key is not null), r =>
            Assert.True(overlay.Find("Secret", r.Secret)?["data"]?[r.Key!] is not null, $"Secret {r.Secret} has no key {r.Key}"));
        Assert.All(generated, r => Assert.NotNull(overlay.Find("Secret", r.Secret)));
        Assert.Null(overlay.Find("Secret", CloudflareSecret));
    }

    [Fact]
    public void The_production_overlay_holds_no_secret_and_needs_those_the_docs_list()
    {
        var overlay = Overlay.Of("production");
        Assert.Empty(overlay.OfKind("Secret"));
        var referenced = SecretReferences(overlay).Where(r => r.Key is not null).Select(r => (r.Secret, Key: r.Key!)).Distinct().Order().ToList();
        Assert.Equal(UserSecrets.Order(), referenced);
        var docs = Repository.Read("docs/deploy.md");
        Assert.All(referenced.Append((Secret: "cfsync-function-keys", Key: "host.master")), r =>
        {
            Assert.Contains(r.Secret, docs, StringComparison.Ordinal);
            Assert.Contains(r.Key, docs, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_function_keys_secret_has_the_host_keys_and_one_per_keyed_function()
    {
        var keyed = (await published.FunctionsMetadataAsync()).Select(f => f!.AsObject())
            .Where(f => Bindings(f).Any(b => (string?)b["type"] == "httpTrigger" && (string?)b["authLevel"] != "Anonymous"))
            .Select(f => $"functions.{((string)f["name"]!).ToLowerInvariant()}.default");
        var keys = Overlay.Of("local").Get("Secret", "cfsync-function-keys")["data"]!.AsObject().Select(k => k.Key);
        Assert.Equal(keyed.Concat(["host.master", "host.function.default", "host.systemKey.default"]).Order(), keys.Order());
    }

    [Theory]
    [MemberData(nameof(Overlay.Names), MemberType = typeof(Overlay))]
    public void Every_config_map_key_referenced_exists(string name)
    {
        var overlay = Overlay.Of(name);
        foreach (var container in overlay.OfKind("Deployment").SelectMany(Overlay.Containers))
        {
            foreach (var source in container["envFrom"]?.AsArray() ?? [])
            {
                Assert.NotNull(overlay.Find("ConfigMap", (string)source!["configMapRef"]!["name"]!));
            }

            foreach (var reference in (container["env"]?.AsArray() ?? []).Select(e => e!["valueFrom"]?["configMapKeyRef"]).OfType<JsonNode>())
            {
                Assert.NotNull(overlay.Get("ConfigMap", (string)reference["name"]!)["data"]![(string)reference["key"]!]);
            }
        }
    }

    /// <summary>
    /// As `func kubernetes deploy` splits an app: the HTTP functions in the API Deployment, the queue and durable ones in
    /// the worker, each once; besides, each Deployment runs the function its probes call. The pins are the host's
    /// functions array, 0..n-1.
    /// </summary>
    [Theory]
    [MemberData(nameof(Overlay.Names), MemberType = typeof(Overlay))]
    public async Task Every_function_is_pinned_to_the_deployment_its_trigger_belongs_in(string name)
    {
        var overlay = Overlay.Of(name);
        var functions = (await published.FunctionsMetadataAsync()).Select(f => f!.AsObject()).ToList();
        var http = functions.Where(f => HttpRoute(f) is not null).Select(f => (string)f["name"]!).ToList();
        var other = functions.Select(f => (string)f["name"]!).Except(http).ToList();
        var api = overlay.Get("Deployment", "cfsync-api");
        var worker = overlay.Get("Deployment", "cfsync-worker");
        Assert.Equal(http.Order(), Pinned(overlay.Environment(api)).Order());
        Assert.Equal(other.Union(ProbedFunctions(worker, functions)).Order(), Pinned(overlay.Environment(worker)).Order());
        Assert.Contains("ChangeWatcher", other);
    }

    /// <summary>A probe that hits no function of its Deployment fails for ever, and the pod with it.</summary>
    [Theory]
    [MemberData(nameof(Overlay.Names), MemberType = typeof(Overlay))]
    public async Task Every_functions_probe_is_served_by_an_anonymous_function_pinned_there(string name)
    {
        var overlay = Overlay.Of(name);
        var functions = (await published.FunctionsMetadataAsync()).Select(f => f!.AsObject()).ToList();
        foreach (var deployment in new[] { "cfsync-api", "cfsync-worker" }.Select(d => overlay.Get("Deployment", d)))
        {
            var probed = ProbedFunctions(deployment, functions);
            Assert.Equal(ProbePaths(deployment).Count(), probed.Count);
            Assert.Subset(Pinned(overlay.Environment(deployment)).ToHashSet(), probed.ToHashSet());
            Assert.All(probed, f => Assert.Equal("Anonymous", (string?)Bindings(functions.Single(m => (string?)m["name"] == f)).Single(b => (string?)b["type"] == "httpTrigger")["authLevel"]));
        }
    }

    private static IEnumerable<string> ProbePaths(JsonObject deployment) =>
        new[] { "livenessProbe", "readinessProbe" }.Select(p => (string)Overlay.App(deployment)[p]!["httpGet"]!["path"]!).Distinct();

    /// <summary>The functions whose route (under the host's /api prefix) a probe of the Deployment calls.</summary>
    private static List<string> ProbedFunctions(JsonObject deployment, List<JsonObject> functions) =>
        [.. functions.Where(f => HttpRoute(f) is { } route && ProbePaths(deployment).Contains($"/api/{route}")).Select(f => (string)f["name"]!)];

    private static string? HttpRoute(JsonObject function) =>
        Bindings(function).Where(b => (string?)b["type"] == "httpTrigger").Select(b => (string?)b["route"] ?? (string)function["name"]!).SingleOrDefault();

    [Theory]
    [MemberData(nameof(Overlay.Names), MemberType = typeof(Overlay))]
    public async Task The_bridge_writes_the_queue_the_watcher_function_reads(string name)
    {
        var overlay = Overlay.Of(name);
        var bridge = overlay.Environment(overlay.Get("Deployment", "cfsync-bridge"));
        var worker = overlay.Environment(overlay.Get("Deployment", "cfsync-worker"));
        var written = bridge.GetSection(ChangeQueueOptions.Section).Get<ChangeQueueOptions>()!.Queue;

        // The trigger names the queue by an app setting (%CfSync:Changes:Queue%), resolved from the worker's environment.
        var watcher = (await published.FunctionsMetadataAsync()).Select(f => f!.AsObject()).Single(f => (string?)f["name"] == "ChangeWatcher");
        var setting = ((string)Bindings(watcher).Single(b => (string?)b["type"] == "queueTrigger")["queueName"]!).Trim('%');
        Assert.Equal(written, worker[setting]);
        Assert.Equal("cfsync-changes", written);
    }

    [Theory]
    [MemberData(nameof(Overlay.Names), MemberType = typeof(Overlay))]
    public void The_bridge_runs_two_replicas_that_may_hold_its_lease(string name)
    {
        var overlay = Overlay.Of(name);
        var deployment = overlay.Get("Deployment", "cfsync-bridge");
        Assert.Equal(2, (int?)deployment["spec"]!["replicas"]);
        var lease = new LeaseOptions();
        overlay.Environment(deployment).GetSection(LeaseOptions.Section).Bind(lease);
        Assert.True(new LeaseOptionsValidator().Validate(null, lease).Succeeded);

        // The Role that names the Lease lives where the bridge looks for it, bound to the bridge's account.
        var role = overlay.OfKind("Role").Single(r => r["rules"]!.AsArray().Any(rule => rule!["resources"]!.AsArray().Any(x => (string?)x == "leases")));
        Assert.Equal(lease.Namespace, Overlay.NamespaceOf(role));
        Assert.Contains(role["rules"]!.AsArray(), rule => rule!["resourceNames"]?.AsArray().Select(n => (string?)n).SequenceEqual([lease.Name]) == true);
        var binding = overlay.OfKind("RoleBinding").Single(b => (string?)b["roleRef"]!["name"] == Overlay.NameOf(role));
        Assert.Equal((string?)Overlay.PodSpec(deployment)["serviceAccountName"], (string?)binding["subjects"]![0]!["name"]);
    }

    [Theory]
    [MemberData(nameof(Overlay.Names), MemberType = typeof(Overlay))]
    public void Every_deployment_has_a_disruption_budget_and_a_service_selects_the_api(string name)
    {
        var overlay = Overlay.Of(name);
        var budgets = overlay.OfKind("PodDisruptionBudget").ToList();
        foreach (var deployment in overlay.OfKind("Deployment").Where(d => Overlay.NameOf(d) != "azurite"))
        {
            var labels = deployment["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
            Assert.Single(budgets, b => Selects(b["spec"]!["selector"]!["matchLabels"]!.AsObject(), labels));
            Assert.True(Selects(deployment["spec"]!["selector"]!["matchLabels"]!.AsObject(), labels));
        }

        var service = overlay.Get("Service", "cfsync-api");
        var api = overlay.Get("Deployment", "cfsync-api");
        Assert.True(Selects(service["spec"]!["selector"]!.AsObject(), api["spec"]!["template"]!["metadata"]!["labels"]!.AsObject()));
        var port = (string)service["spec"]!["ports"]![0]!["targetPort"]!;
        Assert.Contains(Overlay.App(api)["ports"]!.AsArray(), p => (string?)p!["name"] == port);
    }

    /// <summary>Probes hit the health endpoints of each program (the Functions app's /api/health, the bridge's own).</summary>
    [Theory]
    [MemberData(nameof(Overlay.Names), MemberType = typeof(Overlay))]
    public void Every_cfsync_container_is_probed_limited_and_restricted(string name)
    {
        var overlay = Overlay.Of(name);
        var probes = new Dictionary<string, (string Liveness, string Readiness)>
        {
            ["cfsync-bridge"] = ("/healthz", "/readyz"),
            ["cfsync-api"] = ("/api/health", "/api/health"),
            ["cfsync-worker"] = ("/api/health", "/api/health"),
        };
        Assert.Equal(probes.Keys.Order(), overlay.OfKind("Deployment").Select(Overlay.NameOf).Where(n => n != "azurite").Order());
        foreach (var (deployment, (liveness, readiness)) in probes)
        {
            var pod = Overlay.PodSpec(overlay.Get("Deployment", deployment));
            var container = Overlay.App(overlay.Get("Deployment", deployment));
            Assert.Equal(liveness, (string?)container["livenessProbe"]!["httpGet"]!["path"]);
            Assert.Equal(readiness, (string?)container["readinessProbe"]!["httpGet"]!["path"]);
            var port = (string)container["readinessProbe"]!["httpGet"]!["port"]!;
            Assert.Equal(8080, (int?)container["ports"]!.AsArray().Single(p => (string?)p!["name"] == port)!["containerPort"]);

            // The images' user (Dockerfile USER 1654:1654), checked by the kubelet as non-root.
            Assert.True((bool?)pod["securityContext"]!["runAsNonRoot"]);
            Assert.Equal(1654, (int?)pod["securityContext"]!["runAsUser"]);
            Assert.Equal(1654, (int?)pod["securityContext"]!["runAsGroup"]);
            Assert.Equal("RuntimeDefault", (string?)pod["securityContext"]!["seccompProfile"]!["type"]);
            AssertRestricted(container);
            var tmp = container["volumeMounts"]!.AsArray().Single(m => (string?)m!["mountPath"] == "/tmp")!;
            Assert.NotNull(pod["volumes"]!.AsArray().Single(v => (string?)v!["name"] == (string?)tmp["name"])!["emptyDir"]);
        }

        Assert.All(overlay.OfKind("Deployment").SelectMany(Overlay.Containers), AssertRestricted);
    }

    private static void AssertRestricted(JsonObject container)
    {
        var security = container["securityContext"]!;
        Assert.False((bool?)security["allowPrivilegeEscalation"]);
        Assert.True((bool?)security["readOnlyRootFilesystem"]);
        Assert.Equal(["ALL"], security["capabilities"]!["drop"]!.AsArray().Select(c => (string?)c));
        foreach (var bound in new[] { "requests", "limits" })
        {
            Assert.NotNull(container["resources"]![bound]!["cpu"]);
            Assert.NotNull(container["resources"]![bound]!["memory"]);
        }
    }

    private static bool Selects(JsonObject selector, JsonObject labels) =>
        selector.All(s => labels[s.Key] is { } value && (string?)value == (string?)s.Value);

    private static IEnumerable<JsonObject> Bindings(JsonObject function) => function["bindings"]!.AsArray().Select(b => b!.AsObject());

    /// <summary>The host's functions array (AzureFunctionsJobHost:functions:0..n-1), in order, without a gap.</summary>
    private static List<string> Pinned(IConfiguration environment)
    {
        var section = environment.GetSection("AzureFunctionsJobHost:functions").GetChildren().ToList();
        Assert.Equal(Enumerable.Range(0, section.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), section.Select(s => s.Key).Order());
        return [.. section.Select(s => s.Value!)];
    }

    /// <summary>Every Secret a Deployment or TriggerAuthentication uses, with the key (null: the whole Secret, a volume).</summary>
    private static IEnumerable<(string Secret, string? Key)> SecretReferences(Overlay overlay)
    {
        foreach (var deployment in overlay.OfKind("Deployment"))
        {
            foreach (var reference in Overlay.Containers(deployment).SelectMany(c => c["env"]?.AsArray() ?? []).Select(e => e!["valueFrom"]?["secretKeyRef"]).OfType<JsonNode>())
            {
                yield return ((string)reference["name"]!, (string)reference["key"]!);
            }

            foreach (var volume in (Overlay.PodSpec(deployment)["volumes"]?.AsArray() ?? []).Select(v => v!["secret"]).OfType<JsonNode>())
            {
                yield return ((string)volume["secretName"]!, null);
            }
        }

        foreach (var reference in overlay.OfKind("TriggerAuthentication").SelectMany(t => t["spec"]!["secretTargetRef"]!.AsArray()))
        {
            yield return ((string)reference!["name"]!, (string)reference["key"]!);
        }
    }
}
